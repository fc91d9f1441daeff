/** Strategies of core/v1 kinds other than Pod and Service: namespaces, config, quota and limits, events. */
import type { ConfigMap, LimitRange, ResourceQuota, Secret } from 'kubernetes-types/core/v1.js';
import type { StrategyMap } from './index.js';
import type { KObject } from '../types.js';
import type { FieldError } from '../status.js';
import { parseQuantity, QUANTITY_MSG } from '../quantity.js';
import { forbiddenField, immutable, invalidValue, notSupported, required } from '../validation/common.js';
import { deepEqual } from '../paths.js';

export { qosClass } from './pod.js';

const CONFIG_KEY = /^[-._a-zA-Z0-9]+$/;
const CONFIG_KEY_MSG = "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')";
const MAX_CONFIG_BYTES = 1024 * 1024;

export function configKeyErrors(key: string, field: string): FieldError[] {
  const errs: FieldError[] = [];
  if (key.length > 253) errs.push(invalidValue(field, key, 'must be no more than 253 characters'));
  if (!CONFIG_KEY.test(key)) errs.push(invalidValue(field, key, CONFIG_KEY_MSG));
  if (key === '.' || key === '..') errs.push(invalidValue(field, key, `must not be '${key}'`));
  else if (key.startsWith('..')) errs.push(invalidValue(field, key, "must not start with '..'"));
  return errs;
}

function dataErrors(data: Record<string, unknown> | undefined, binary: Record<string, unknown> | undefined, dataField: string, decodedSize: (v: string) => number): FieldError[] {
  const errs: FieldError[] = [];
  let total = 0;
  for (const [k, v] of Object.entries(data ?? {})) {
    errs.push(...configKeyErrors(k, `${dataField}[${k}]`));
    if (binary && k in binary) errs.push(invalidValue(`${dataField}[${k}]`, k, 'duplicate of key present in binaryData'));
    total += typeof v === 'string' ? decodedSize(v) : 0;
  }
  for (const [k, v] of Object.entries(binary ?? {})) {
    errs.push(...configKeyErrors(k, `binaryData[${k}]`));
    total += typeof v === 'string' ? Math.floor((v.length * 3) / 4) : 0;
  }
  if (total > MAX_CONFIG_BYTES) errs.push({ type: 'TooLong', field: '', detail: `must have at most ${MAX_CONFIG_BYTES} bytes` });
  return errs;
}

/** Go's base64.StdEncoding: the index of the first bad byte, or -1. */
export function base64Error(s: string): number {
  const body = s.replace(/=+$/, '');
  for (let i = 0; i < body.length; i++) if (!/[A-Za-z0-9+/]/.test(body[i]!)) return i;
  if (s.length % 4 !== 0) return s.length - (s.length % 4);
  if (s.length - body.length > 2) return body.length;
  return -1;
}

const SECRET_TYPES: Record<string, string[]> = {
  'kubernetes.io/tls': ['tls.crt', 'tls.key'],
  'kubernetes.io/dockerconfigjson': ['.dockerconfigjson'],
  'kubernetes.io/dockercfg': ['.dockercfg'],
  'kubernetes.io/basic-auth': [],
  'kubernetes.io/ssh-auth': ['ssh-privatekey'],
};

export const coreStrategies: StrategyMap = {
  '/namespaces': {
    defaults(o) {
      const spec = ((o.spec as { finalizers?: string[] } | undefined) ?? {}) as { finalizers?: string[] };
      spec.finalizers ??= ['kubernetes'];
      o.spec = spec;
      o.status = { phase: (o.status as { phase?: string } | undefined)?.phase ?? 'Active' };
      const labels = { ...(o.metadata?.labels ?? {}) };
      labels['kubernetes.io/metadata.name'] = o.metadata!.name!;
      o.metadata!.labels = labels;
    },
  },
  '/configmaps': {
    validate(o, _ctx, old) {
      const cm = o as ConfigMap & KObject;
      const errs = dataErrors(cm.data, cm.binaryData, 'data', (v) => v.length);
      if (old && (old as ConfigMap).immutable) {
        const o2 = old as ConfigMap;
        if (!deepEqual(o2.data, cm.data)) errs.push(forbiddenField('data', 'field is immutable when `immutable` is set'));
        if (!deepEqual(o2.binaryData, cm.binaryData)) errs.push(forbiddenField('binaryData', 'field is immutable when `immutable` is set'));
        if (!cm.immutable) errs.push(forbiddenField('immutable', 'field is immutable when `immutable` is set'));
      }
      return errs;
    },
  },
  '/secrets': {
    decode(o) {
      const s = o as Secret & KObject;
      for (const [k, v] of Object.entries(s.data ?? {})) {
        if (typeof v !== 'string') return `json: cannot unmarshal ${typeof v} into Go struct field Secret.data of type []uint8`;
        const at = base64Error(v);
        if (at >= 0) return `illegal base64 data at input byte ${at}`;
        void k;
      }
      // stringData is write-only: merged into data (base64) on the way in.
      if (s.stringData) {
        const data = { ...(s.data ?? {}) };
        for (const [k, v] of Object.entries(s.stringData)) data[k] = Buffer.from(String(v), 'utf8').toString('base64');
        s.data = data;
        delete (s as { stringData?: unknown }).stringData;
      }
      return undefined;
    },
    defaults(o) {
      const s = o as Secret & KObject;
      s.type ??= 'Opaque';
    },
    validate(o, _ctx, old) {
      const s = o as Secret & KObject;
      const errs = dataErrors(s.data, undefined, 'data', (v) => Math.floor((v.length * 3) / 4));
      for (const key of SECRET_TYPES[s.type ?? ''] ?? []) if (!(key in (s.data ?? {}))) errs.push(required(`data[${key}]`));
      if (s.type === 'kubernetes.io/service-account-token' && !s.metadata?.annotations?.['kubernetes.io/service-account.name'])
        errs.push(required('metadata.annotations[kubernetes.io/service-account.name]'));
      if (old) {
        const o2 = old as Secret;
        errs.push(...immutable(o2.type, s.type, 'type'));
        if (o2.immutable) {
          if (!deepEqual(o2.data, s.data)) errs.push(forbiddenField('data', 'field is immutable when `immutable` is set'));
          if (!s.immutable) errs.push(forbiddenField('immutable', 'field is immutable when `immutable` is set'));
        }
      }
      return errs;
    },
  },
  '/limitranges': {
    defaults(o) {
      for (const l of (o as LimitRange & KObject).spec?.limits ?? []) {
        if (l.type !== 'Container') continue;
        const def = { ...(l.default ?? {}) } as Record<string, unknown>;
        const req = { ...(l.defaultRequest ?? {}) } as Record<string, unknown>;
        for (const [k, v] of Object.entries(l.max ?? {})) if (!(k in def)) def[k] = v;
        for (const [k, v] of Object.entries(def)) if (!(k in req)) req[k] = v;
        for (const [k, v] of Object.entries(l.min ?? {})) if (!(k in req)) req[k] = v;
        if (Object.keys(def).length > 0) l.default = def as typeof l.default;
        if (Object.keys(req).length > 0) l.defaultRequest = req as typeof l.defaultRequest;
      }
    },
    validate(o) {
      const lr = o as LimitRange & KObject;
      const errs: FieldError[] = [];
      const types = ['Container', 'Pod', 'PersistentVolumeClaim'];
      (lr.spec?.limits ?? []).forEach((l, i) => {
        const f = `spec.limits[${i}]`;
        if (!types.includes(l.type)) errs.push(notSupported(`${f}.type`, l.type, types));
        const maps: Record<string, Record<string, unknown>> = { max: l.max ?? {}, min: l.min ?? {}, default: l.default ?? {}, defaultRequest: l.defaultRequest ?? {}, maxLimitRequestRatio: l.maxLimitRequestRatio ?? {} };
        for (const [name, m] of Object.entries(maps)) for (const [r, v] of Object.entries(m)) if (parseQuantity(v) === undefined) errs.push(invalidValue(`${f}.${name}[${r}]`, v, QUANTITY_MSG));
        if (l.type === 'Pod' && l.default) errs.push(forbiddenField(`${f}.default`, "may not be specified when `type` is 'Pod'"));
        if (l.type === 'Pod' && l.defaultRequest) errs.push(forbiddenField(`${f}.defaultRequest`, "may not be specified when `type` is 'Pod'"));
        const q = (m: Record<string, unknown>, r: string) => parseQuantity(m[r]);
        for (const r of new Set([...Object.keys(maps.max!), ...Object.keys(maps.min!), ...Object.keys(maps.default!), ...Object.keys(maps.defaultRequest!)])) {
          const [mx, mn, df, dr] = [q(maps.max!, r), q(maps.min!, r), q(maps.default!, r), q(maps.defaultRequest!, r)];
          const t = (m: Record<string, unknown>) => String(m[r]);
          if (mn !== undefined && mx !== undefined && mn > mx) errs.push(invalidValue(`${f}.min[${r}]`, t(maps.min!), `min value ${t(maps.min!)} is greater than max value ${t(maps.max!)}`));
          if (dr !== undefined && mn !== undefined && mn > dr) errs.push(invalidValue(`${f}.defaultRequest[${r}]`, t(maps.defaultRequest!), `min value ${t(maps.min!)} is greater than default request value ${t(maps.defaultRequest!)}`));
          if (dr !== undefined && mx !== undefined && dr > mx) errs.push(invalidValue(`${f}.defaultRequest[${r}]`, t(maps.defaultRequest!), `default request value ${t(maps.defaultRequest!)} is greater than max value ${t(maps.max!)}`));
          if (dr !== undefined && df !== undefined && dr > df) errs.push(invalidValue(`${f}.defaultRequest[${r}]`, t(maps.defaultRequest!), `default request value ${t(maps.defaultRequest!)} is greater than default limit value ${t(maps.default!)}`));
          if (df !== undefined && mn !== undefined && mn > df) errs.push(invalidValue(`${f}.default[${r}]`, t(maps.default!), `min value ${t(maps.min!)} is greater than default value ${t(maps.default!)}`));
          if (df !== undefined && mx !== undefined && df > mx) errs.push(invalidValue(`${f}.default[${r}]`, t(maps.default!), `default value ${t(maps.default!)} is greater than max value ${t(maps.max!)}`));
        }
      });
      return errs;
    },
  },
  '/resourcequotas': {
    validate(o) {
      const rq = o as ResourceQuota & KObject;
      const errs: FieldError[] = [];
      for (const [r, v] of Object.entries(rq.spec?.hard ?? {})) {
        const q = parseQuantity(v);
        if (q === undefined) errs.push(invalidValue(`spec.hard[${r}]`, v, QUANTITY_MSG));
        else if (q < 0) errs.push(invalidValue(`spec.hard[${r}]`, v, 'must be greater than or equal to 0'));
      }
      const scopes = ['Terminating', 'NotTerminating', 'BestEffort', 'NotBestEffort', 'PriorityClass', 'CrossNamespacePodAffinity'];
      (rq.spec?.scopes ?? []).forEach((s, i) => {
        if (!scopes.includes(s)) errs.push(notSupported(`spec.scopes[${i}]`, s, scopes));
      });
      return errs;
    },
  },
  '/events': {
    validate(o) {
      const ev = o as KObject & { involvedObject?: { namespace?: string } };
      const ns = ev.metadata?.namespace;
      const inv = ev.involvedObject?.namespace;
      if (inv && ns && inv !== ns) return [invalidValue('involvedObject.namespace', inv, 'does not match event.namespace')];
      return [];
    },
  },
};
