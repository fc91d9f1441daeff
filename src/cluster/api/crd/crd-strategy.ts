/** The CustomResourceDefinition strategy: defaults and the validation a learner meets. */
import type { CustomResourceDefinition } from 'kubernetes-types/apiextensions/v1.js';
import type { StrategyMap } from '../strategies/index.js';
import type { KObject } from '../types.js';
import type { FieldError } from '../status.js';
import { GoLiteral } from '../status.js';
import { immutable, invalidValue, notSupported, required } from '../validation/common.js';
import { nameErrors } from '../validation/names.js';

export const CLEANUP_FINALIZER = 'customresourcecleanup.apiextensions.k8s.io';

type Crd = CustomResourceDefinition & KObject;

export const crdStrategies: StrategyMap = {
  'apiextensions.k8s.io/customresourcedefinitions': {
    defaults(o, _ctx, old) {
      const crd = o as Crd;
      const spec = crd.spec;
      if (!spec) return;
      if (spec.names) {
        spec.names.singular ??= spec.names.kind?.toLowerCase();
        spec.names.listKind ??= spec.names.kind ? `${spec.names.kind}List` : undefined;
      }
      spec.conversion ??= { strategy: 'None' };
      if (!old) {
        const meta = crd.metadata!;
        meta.finalizers = [...new Set([...(meta.finalizers ?? []), CLEANUP_FINALIZER])];
      }
    },
    validate(o, _ctx, old) {
      const crd = o as Crd;
      const s = crd.spec;
      if (!s) return [required('spec')];
      const errs: FieldError[] = [];
      const names = s.names;
      if (!s.group) errs.push(required('spec.group'));
      else if (!s.group.includes('.')) errs.push(invalidValue('spec.group', s.group, 'should be a domain with at least one dot'));
      else errs.push(...nameErrors(s.group, 'subdomain', 'spec.group'));
      if (!['Cluster', 'Namespaced'].includes(s.scope)) errs.push(notSupported('spec.scope', s.scope ?? '', ['Cluster', 'Namespaced']));
      if (!names?.plural) errs.push(required('spec.names.plural'));
      else errs.push(...nameErrors(names.plural, 'label', 'spec.names.plural'));
      if (!names?.kind) errs.push(required('spec.names.kind'));
      else if (!/^[A-Za-z][A-Za-z0-9]*$/.test(names.kind)) errs.push(invalidValue('spec.names.kind', names.kind, 'may have mixed case, but should otherwise match: ^[a-z]([-a-z0-9]*[a-z0-9])?$'));
      if (names?.singular) errs.push(...nameErrors(names.singular, 'label', 'spec.names.singular'));
      (names?.shortNames ?? []).forEach((sn, i) => errs.push(...nameErrors(sn, 'label', `spec.names.shortNames[${i}]`)));
      if (names?.plural && s.group && crd.metadata?.name !== `${names.plural}.${s.group}`)
        errs.push(invalidValue('metadata.name', crd.metadata?.name ?? '', 'must be spec.names.plural+"."+spec.group'));
      const versions = s.versions ?? [];
      if (versions.length === 0) errs.push(invalidValue('spec.versions', new GoLiteral('[]apiextensions.CustomResourceDefinitionVersion(nil)'), 'must have exactly one version marked as storage version'));
      else if (versions.filter((v) => v.storage).length !== 1) errs.push(invalidValue('spec.versions', new GoLiteral('[]apiextensions.CustomResourceDefinitionVersion{...}'), 'must have exactly one version marked as storage version'));
      versions.forEach((v, i) => {
        if (!v.name) errs.push(required(`spec.versions[${i}].name`));
        else errs.push(...nameErrors(v.name, 'label', `spec.versions[${i}].name`));
        if (!v.schema?.openAPIV3Schema) errs.push(required(`spec.versions[${i}].schema.openAPIV3Schema`, 'schemas are required'));
        else if (v.schema.openAPIV3Schema.type !== 'object') errs.push(invalidValue(`spec.versions[${i}].schema.openAPIV3Schema.type`, v.schema.openAPIV3Schema.type ?? '', 'must be object at the root'));
      });
      if (versions.length > 0 && !versions.some((v) => v.served)) errs.push(invalidValue('spec.versions', new GoLiteral('[]apiextensions.CustomResourceDefinitionVersion{...}'), 'must have at least one served version'));
      if (old) {
        const os = (old as Crd).spec;
        errs.push(...immutable(os?.scope, s.scope, 'spec.scope'));
      }
      return errs;
    },
  },
};
