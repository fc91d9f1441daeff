/** Strategies of apps/v1 kinds. */
import type { Deployment } from 'kubernetes-types/apps/v1.js';
import type { StrategyMap } from './index.js';
import type { KObject } from '../types.js';
import type { FieldError } from '../status.js';
import { defaultPodSpec } from './pod-defaults.js';
import { deepEqual } from '../paths.js';
import { fromLabelSelector, matchesLabels } from '../selectors.js';

export const appsStrategies: StrategyMap = {
  'apps/deployments': {
    defaults(o) {
      const d = o as Deployment & KObject;
      d.spec ??= { selector: {}, template: {} };
      const s = d.spec;
      s.replicas ??= 1;
      s.strategy ??= {};
      s.strategy.type ??= 'RollingUpdate';
      if (s.strategy.type === 'RollingUpdate') {
        s.strategy.rollingUpdate ??= {};
        s.strategy.rollingUpdate.maxUnavailable ??= '25%';
        s.strategy.rollingUpdate.maxSurge ??= '25%';
      }
      s.revisionHistoryLimit ??= 10;
      s.progressDeadlineSeconds ??= 600;
      if (s.template?.spec) defaultPodSpec(s.template.spec);
      s.template.metadata ??= {};
      (s.template.metadata as { creationTimestamp?: null }).creationTimestamp ??= null;
    },
    validate(o, _ctx, old) {
      const d = o as Deployment & KObject;
      const errs: FieldError[] = [];
      const s = d.spec;
      if (!s) return [{ type: 'Required', field: 'spec' }];
      if (s.replicas !== undefined && s.replicas < 0) errs.push({ type: 'Invalid', field: 'spec.replicas', value: s.replicas, detail: 'must be greater than or equal to 0' });
      const sel = s.selector;
      if (!sel || (Object.keys(sel.matchLabels ?? {}).length === 0 && (sel.matchExpressions ?? []).length === 0)) {
        errs.push({ type: 'Required', field: 'spec.selector' });
      } else if (!matchesLabels(fromLabelSelector(sel), s.template?.metadata?.labels)) {
        errs.push({ type: 'Invalid', field: 'spec.template.metadata.labels', value: s.template?.metadata?.labels ?? {}, detail: '`selector` does not match template `labels`' });
      }
      if (old) {
        const oldSel = (old as Deployment & KObject).spec?.selector;
        if (!deepEqual(oldSel, sel)) errs.push({ type: 'Invalid', field: 'spec.selector', value: sel, detail: 'field is immutable' });
      }
      if (!s.template?.spec?.containers?.length) errs.push({ type: 'Required', field: 'spec.template.spec.containers' });
      return errs;
    },
  },
};
