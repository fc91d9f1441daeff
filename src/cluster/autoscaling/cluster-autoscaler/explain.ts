/**
 * `why cluster-autoscaler`: the latest loop told from its own inputs — the
 * pending pods and the scheduler's reasons, what each pool's template node
 * could take, the expander's choice, and per node why it is or is not being
 * removed.
 */
import type { Cluster } from '../../cluster.js';
import type { ClusterAutoscaler } from './autoscaler.js';
import { pct } from './scale-down.js';

/** 370_000 → `6m10s` (Go's duration style, whole seconds). */
export function dur(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  if (h) return `${h}h${m}m${sec}s`;
  if (m) return sec ? `${m}m${sec}s` : `${m}m`;
  return `${sec}s`;
}

function gi(bytes: number): string {
  return `${(bytes / 1024 ** 3).toFixed(1)}Gi`;
}

const BLOCKERS: [RegExp, (m: RegExpExecArray) => string][] = [
  [/^pod with local storage present: (.+)$/, (m) => `pod ${m[1]} has local storage (emptyDir/hostPath) and skip-nodes-with-local-storage is true`],
  [/^not enough pod disruption budget to move (.+)$/, (m) => `pod ${m[1]} is covered by a PodDisruptionBudget that allows no more disruptions`],
  [/^pod annotated as not safe to evict present: (.+)$/, (m) => `pod ${m[1]} has annotation cluster-autoscaler.kubernetes.io/safe-to-evict: "false"`],
  [/^(.+) is not replicated$/, (m) => `pod ${m[1]} is not backed by a controller, so nothing would recreate it`],
  [/^non-daemonset, non-mirrored, non-pdb-assigned kube-system pod present: (.+)$/, (m) => `kube-system pod ${m[1]} has no PodDisruptionBudget (skip-nodes-with-system-pods is true)`],
];

export function plainBlocker(detail: string): string {
  for (const [re, f] of BLOCKERS) {
    const m = re.exec(detail);
    if (m) return f(m);
  }
  return detail;
}

export function explainText(ca: ClusterAutoscaler, now: number): string {
  const pools = ca.autoscaledPools();
  if (pools.length === 0) return 'The cluster autoscaler is off: no node pool has it enabled (az aks nodepool update --enable-cluster-autoscaler --min-count N --max-count M).';
  const d = ca.last;
  const s = ca.settings;
  const out: string[] = [];
  out.push(`Cluster autoscaler (AKS runs it in the control plane; it scans every ${dur(s.scanIntervalMs)}, expander ${s.expander}).`);
  out.push(`Pools: ${pools.map((p) => `${p.name} ${p.count} node(s) (min ${p.minCount ?? 0}, max ${p.maxCount ?? p.count})`).join('; ')}.`);
  if (!d) return [...out, 'It has not run a loop yet.'].join('\n');
  out.push(`Last loop ${dur(now - d.time)} ago:`);
  if (d.minEnforced) out.push(`  min count: ${d.minEnforced}.`);
  // scale-up
  if (d.pending.length === 0) out.push('  scale-up: no pods are unschedulable.');
  else {
    out.push(`  scale-up: ${d.pending.length} pod(s) unschedulable (${d.pendingReasons.join(', ') || 'no reason recorded'}): ${d.pending.slice(0, 5).join(', ')}${d.pending.length > 5 ? ', …' : ''}`);
    if (d.schedulable) out.push(`    ${d.schedulable} of them fit on existing or upcoming nodes, so they need no new node.`);
    for (const t of d.templates ?? []) {
      const o = d.options.find((x) => x.pool === t.pool);
      const tpl = `template ${t.vmSize}: ${t.cpu}m cpu, ${gi(t.memory)} memory allocatable`;
      if (o) out.push(`    pool ${t.pool} can fit ${o.pods.length} of them with +${o.nodes} node(s) (${tpl}).`);
      else out.push(`    pool ${t.pool} cannot help (${tpl}; ${t.target} of max ${t.max}${t.upcoming ? `, ${t.upcoming} coming up` : ''}).`);
    }
    if (d.choice) {
      out.push(`    ${d.choice.reason}: ${d.choice.group} ${d.choice.from}->${d.choice.to} (max: ${d.choice.max}).`);
      if (d.choice.error) out.push(`    the scale-up failed: ${d.choice.error}`);
    }
    for (const n of d.notTriggered.slice(0, 5)) out.push(`    ${n.pod}: ${n.message}`);
  }
  // scale-down
  if (d.choice || d.minEnforced) out.push('  scale-down: skipped in a loop that scaled up.');
  else {
    if (d.cooldown) out.push(`  scale-down: waiting (${d.cooldown}).`);
    if (d.checks.length === 0) out.push('  scale-down: no candidate nodes.');
    for (const c of d.checks) {
      const util = `cpu ${pct(c.utilization.cpu)}, memory ${pct(c.utilization.memory)} requested`;
      switch (c.verdict) {
        case 'unneeded': {
          const f = d.unneededFor.get(c.node) ?? 0;
          out.push(`  node ${c.node} unneeded for ${dur(f)} of ${dur(s.scaleDownUnneededMs)} (${util}; ${c.detail}).`);
          break;
        }
        case 'BlockedByPod':
          out.push(`  scale-down of node ${c.node} blocked: ${plainBlocker(c.detail)}.`);
          break;
        case 'NoPlaceToMovePods':
          out.push(`  scale-down of node ${c.node} blocked: ${c.detail}.`);
          break;
        case 'NotUnderutilized':
          out.push(`  node ${c.node} is needed: ${c.detail}.`);
          break;
        case 'NodeGroupMinSizeReached':
        case 'ScaleDownDisabledAnnotation':
        case 'NotReady':
          out.push(`  node ${c.node} is kept: ${c.detail}.`);
          break;
      }
    }
    if (d.removed?.length) out.push(`  removing: ${d.removed.join(', ')}.`);
  }
  const deleting = [...ca.deleter.inProgress()];
  if (deleting.length) out.push(`Being removed now: ${deleting.join(', ')}.`);
  return out.join('\n');
}

export function explainClusterAutoscaler(cluster: Cluster, ca: ClusterAutoscaler | undefined): string | undefined {
  return ca ? explainText(ca, cluster.clock.now()) : undefined;
}
