/**
 * ResourceQuota admission: a create that would push a namespace past a
 * quota's hard limit is refused (403, upstream wording), and each quota's
 * status.used follows what is stored. kube-apiserver records the new usage
 * in the same step; kubedojo recounts after every stored change instead.
 */
import type { Pod, ResourceQuota } from 'kubernetes-types/core/v1.js';
import type { AdmissionPlugin, AdmissionAttributes } from '../admission.js';
import { forbiddenMessage } from '../status.js';
import { formatQuantity, parseQuantity } from '../quantity.js';
import { countTarget, missingCompute, namespaceUsage, usageOf, type Usage } from './quota-usage.js';
import type { KObject } from '../types.js';

function quotasIn(a: AdmissionAttributes): ResourceQuota[] {
  if (!a.namespace) return [];
  return a.ctx.list('resourcequotas', '', a.namespace) as unknown as ResourceQuota[];
}

function pretty(u: Usage, hard: Record<string, unknown>): string {
  return Object.keys(u)
    .sort()
    .map((k) => `${k}=${formatQuantity(u[k]!, String(hard[k] ?? ''))}`)
    .join(',');
}

/** Does this resource matter to a quota with these hard names? */
function tracked(group: string, plural: string, names: string[]): boolean {
  return names.some((n) => {
    const t = countTarget(n);
    if (t) return t[0] === group && t[1] === plural;
    if (n.startsWith('services.')) return group === '' && plural === 'services';
    return group === '' && plural === 'pods';
  });
}

export function quotaStatus(ctx: AdmissionAttributes['ctx'], namespace: string, quota: ResourceQuota): NonNullable<ResourceQuota['status']> {
  const hard = (quota.spec?.hard ?? {}) as Record<string, string>;
  const names = Object.keys(hard).sort();
  const used = namespaceUsage(ctx, namespace, names);
  const usedText: Record<string, string> = {};
  for (const n of names) usedText[n] = formatQuantity(used[n] ?? 0, hard[n]);
  return { hard: { ...hard }, used: usedText };
}

export function resourceQuota(write: (quota: ResourceQuota, status: NonNullable<ResourceQuota['status']>) => void): AdmissionPlugin {
  return {
    name: 'ResourceQuota',
    validate(a) {
      if (a.operation !== 'CREATE' || a.subresource || !a.object || !a.namespace) return undefined;
      for (const q of quotasIn(a)) {
        const hard = (q.spec?.hard ?? {}) as Record<string, unknown>;
        const names = Object.keys(hard);
        if (!tracked(a.def.group, a.def.plural, names)) continue;
        if (a.def.group === '' && a.def.plural === 'pods') {
          const missing = missingCompute(a.object as unknown as Pod, names);
          if (missing.length > 0) return forbiddenMessage(a.def.plural, a.def.group, a.object.metadata?.name, `failed quota: ${q.metadata?.name}: must specify ${missing.join('; ')}`);
        }
        const requested = usageOf(a.def.group, a.def.plural, a.object, names);
        const used = namespaceUsage(a.ctx, a.namespace, names);
        const failedReq: Usage = {};
        const failedUsed: Usage = {};
        const failedHard: Usage = {};
        for (const [n, r] of Object.entries(requested)) {
          if (r === 0) continue;
          const limit = Number(formatQuantityValue(hard[n]));
          if ((used[n] ?? 0) + r > limit) {
            failedReq[n] = r;
            failedUsed[n] = used[n] ?? 0;
            failedHard[n] = limit;
          }
        }
        if (Object.keys(failedReq).length > 0) {
          return forbiddenMessage(
            a.def.plural,
            a.def.group,
            a.object.metadata?.name,
            `exceeded quota: ${q.metadata?.name}, requested: ${pretty(failedReq, hard)}, used: ${pretty(failedUsed, hard)}, limited: ${pretty(failedHard, hard)}`,
          );
        }
      }
      return undefined;
    },
    after(a, stored: KObject) {
      if (!a.namespace) return;
      const isQuota = a.def.group === '' && a.def.plural === 'resourcequotas';
      for (const q of quotasIn(a)) {
        const names = Object.keys(q.spec?.hard ?? {});
        if (!isQuota && !tracked(a.def.group, a.def.plural, names)) continue;
        if (isQuota && q.metadata?.name !== stored.metadata?.name) continue;
        write(q, quotaStatus(a.ctx, a.namespace, q));
      }
    },
  };
}

function formatQuantityValue(v: unknown): number {
  return parseQuantity(v) ?? Infinity;
}
