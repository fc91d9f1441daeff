/**
 * LimitRanger: new pods get the namespace's default requests and limits
 * (annotated `kubernetes.io/limit-ranger`), then must fit each LimitRange's
 * min, max and limit/request ratio, per Container and per Pod.
 */
import type { Container, LimitRange, LimitRangeItem, Pod } from 'kubernetes-types/core/v1.js';
import type { AdmissionPlugin, AdmissionAttributes } from '../admission.js';
import { forbiddenMessage } from '../status.js';
import { parseQuantity } from '../quantity.js';
import { podCompute } from './quota-usage.js';
import { qosClass } from '../strategies/pod.js';

type List = Record<string, string>;

function rangesIn(a: AdmissionAttributes): LimitRange[] {
  return a.namespace ? (a.ctx.list('limitranges', '', a.namespace) as unknown as LimitRange[]) : [];
}

function applies(a: AdmissionAttributes): boolean {
  return a.operation === 'CREATE' && !a.subresource && !!a.object && a.def.group === '' && a.def.plural === 'pods';
}

function applyDefaults(c: Container, item: LimitRangeItem, notes: string[]): void {
  const res = (c.resources ??= {});
  const setLimits: string[] = [];
  const setRequests: string[] = [];
  for (const [r, v] of Object.entries((item.default ?? {}) as List)) {
    if ((res.limits as List | undefined)?.[r] === undefined) {
      res.limits = { ...(res.limits ?? {}), [r]: v };
      setLimits.push(r);
    }
  }
  for (const [r, v] of Object.entries((item.defaultRequest ?? {}) as List)) {
    if ((res.requests as List | undefined)?.[r] === undefined) {
      res.requests = { ...(res.requests ?? {}), [r]: v };
      setRequests.push(r);
    }
  }
  if (setRequests.length > 0) notes.push(`${setRequests.sort().join(', ')} request for container ${c.name}`);
  if (setLimits.length > 0) notes.push(`${setLimits.sort().join(', ')} limit for container ${c.name}`);
}

function minConstraint(kind: string, r: string, enforced: string, req: unknown, lim: unknown): string | undefined {
  const e = parseQuantity(enforced)!;
  if (req === undefined) return `minimum ${r} usage per ${kind} is ${enforced}.  No request is specified`;
  if (parseQuantity(req)! < e) return `minimum ${r} usage per ${kind} is ${enforced}, but request is ${String(req)}`;
  if (lim !== undefined && parseQuantity(lim)! < e) return `minimum ${r} usage per ${kind} is ${enforced}, but limit is ${String(lim)}`;
  return undefined;
}

function maxConstraint(kind: string, r: string, enforced: string, req: unknown, lim: unknown): string | undefined {
  const e = parseQuantity(enforced)!;
  if (lim === undefined) return `maximum ${r} usage per ${kind} is ${enforced}.  No limit is specified`;
  if (parseQuantity(lim)! > e) return `maximum ${r} usage per ${kind} is ${enforced}, but limit is ${String(lim)}`;
  if (req !== undefined && parseQuantity(req)! > e) return `maximum ${r} usage per ${kind} is ${enforced}, but request is ${String(req)}`;
  return undefined;
}

function ratioConstraint(kind: string, r: string, enforced: string, req: unknown, lim: unknown): string | undefined {
  const rq = parseQuantity(req);
  const lm = parseQuantity(lim);
  if (rq === undefined || lm === undefined || rq === 0) return rq === undefined || rq === 0 ? `${r} max limit to request ratio per ${kind} is ${enforced}, but no request is specified or request is 0` : undefined;
  const ratio = lm / rq;
  if (ratio > parseQuantity(enforced)!) return `${r} max limit to request ratio per ${kind} is ${enforced}, but provided ratio is ${ratio.toFixed(6)}`;
  return undefined;
}

function check(kind: string, item: LimitRangeItem, req: (r: string) => unknown, lim: (r: string) => unknown): string[] {
  const errs: string[] = [];
  for (const [r, v] of Object.entries((item.min ?? {}) as List)) {
    const e = minConstraint(kind, r, v, req(r), lim(r));
    if (e) errs.push(e);
  }
  for (const [r, v] of Object.entries((item.max ?? {}) as List)) {
    const e = maxConstraint(kind, r, v, req(r), lim(r));
    if (e) errs.push(e);
  }
  for (const [r, v] of Object.entries((item.maxLimitRequestRatio ?? {}) as List)) {
    const e = ratioConstraint(kind, r, v, req(r), lim(r));
    if (e) errs.push(e);
  }
  return errs;
}

export function limitRanger(): AdmissionPlugin {
  return {
    name: 'LimitRanger',
    admit(a) {
      if (!applies(a)) return undefined;
      const pod = a.object as unknown as Pod;
      const notes: string[] = [];
      for (const lr of rangesIn(a)) {
        for (const item of lr.spec?.limits ?? []) {
          if (item.type !== 'Container') continue;
          for (const c of [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])]) applyDefaults(c, item, notes);
        }
      }
      if (notes.length > 0) {
        const meta = (a.object!.metadata ??= {});
        meta.annotations = { ...(meta.annotations ?? {}), 'kubernetes.io/limit-ranger': `LimitRanger plugin set: ${notes.join('; ')}` };
        // The QoS class is decided after admission upstream (PrepareForCreate).
        const status = (a.object as { status?: { qosClass?: string } }).status;
        if (status && pod.spec) status.qosClass = qosClass(pod.spec);
      }
      return undefined;
    },
    validate(a) {
      if (!applies(a)) return undefined;
      const pod = a.object as unknown as Pod;
      const errs: string[] = [];
      for (const lr of rangesIn(a)) {
        for (const item of lr.spec?.limits ?? []) {
          if (item.type === 'Container') {
            for (const c of [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])]) {
              errs.push(...check('Container', item, (r) => (c.resources?.requests as List | undefined)?.[r], (r) => (c.resources?.limits as List | undefined)?.[r]));
            }
          } else if (item.type === 'Pod') {
            const fmt = (v: number | undefined) => (v === undefined ? undefined : String(v));
            errs.push(...check('Pod', item, (r) => fmt(podCompute(pod.spec, 'requests', r)), (r) => fmt(podCompute(pod.spec, 'limits', r))));
          }
        }
      }
      if (errs.length === 0) return undefined;
      return forbiddenMessage('pods', '', a.object!.metadata?.name, errs.length === 1 ? errs[0]! : `[${errs.join(', ')}]`);
    },
  };
}
