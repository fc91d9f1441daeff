/**
 * The DaemonSet controller: one pod per eligible node (nodeSelector, required
 * node affinity, taints the pod tolerates), pinned with a required node
 * affinity on `metadata.name` (the scheduler binds it), with the tolerations
 * upstream adds to daemon pods; failed daemon pods are replaced; RollingUpdate
 * replaces old-revision pods at most maxUnavailable at a time (OnDelete waits).
 * Revisions are ControllerRevisions `<ds>-<hash>`, pods carry
 * `controller-revision-hash`.
 */
import type { DaemonSet, DaemonSetStatus } from 'kubernetes-types/apps/v1.js';
import type { Node, Pod, PodSpec, Toleration } from 'kubernetes-types/core/v1.js';
import type { Controller, ControllerContext, ReconcileResult } from '../runtime/controller.js';
import type { Informer } from '../runtime/informer.js';
import { objKey } from '../runtime/informer.js';
import type { KObject } from '../api/types.js';
import { fromLabelSelector } from '../api/selectors.js';
import { clone, deepEqual } from '../api/paths.js';
import { claim, controllerOf, controllerUidIndex, namespaceIndex, newControllerRef, orphanIndex } from './controller-ref.js';
import { PodControl, podFromTemplate } from './pod-control.js';
import { isPodAvailable, isPodReady, podChangedForOwner, sortByCreation } from './pod-util.js';
import { ensureControllerRevision, REVISION_HASH } from './controller-revision.js';
import { nodeMatches } from './node-affinity.js';
import { tolerationsTolerate, DISK_PRESSURE, MEMORY_PRESSURE, NETWORK_UNAVAILABLE, NOT_READY, PID_PRESSURE, UNREACHABLE, UNSCHEDULABLE } from './taints.js';
import { scaledValue } from './deployment-util.js';
import { onlyStatusChanged } from './status-only.js';

type DS = DaemonSet & KObject;
type P = Pod & KObject;

/** AddOrUpdateDaemonPodTolerations. */
export function daemonTolerations(spec: PodSpec): Toleration[] {
  const tols = [...(spec.tolerations ?? [])];
  const add = (key: string, effect: string) => {
    if (!tols.some((t) => t.key === key && t.effect === effect && t.operator === 'Exists')) tols.push({ key, operator: 'Exists', effect });
  };
  add(NOT_READY, 'NoExecute');
  add(UNREACHABLE, 'NoExecute');
  add(DISK_PRESSURE, 'NoSchedule');
  add(MEMORY_PRESSURE, 'NoSchedule');
  add(PID_PRESSURE, 'NoSchedule');
  add(UNSCHEDULABLE, 'NoSchedule');
  if (spec.hostNetwork) add(NETWORK_UNAVAILABLE, 'NoSchedule');
  return tols;
}

/** [should run a new pod, should keep running an existing one]. `tols`: the template's daemonTolerations, when the caller has them. */
export function nodeShouldRun(ds: DS, node: Node, tolerations?: Toleration[]): [boolean, boolean] {
  const spec = ds.spec?.template?.spec ?? { containers: [] };
  if (!nodeMatches(spec, node)) return [false, false];
  const tols = tolerations ?? daemonTolerations(spec);
  const taints = node.spec?.taints ?? [];
  const keep = taints.filter((t) => t.effect === 'NoExecute').every((t) => tolerationsTolerate(tols, t));
  const run = keep && taints.filter((t) => t.effect === 'NoSchedule').every((t) => tolerationsTolerate(tols, t));
  return [run, keep];
}

function targetNode(p: Pod): string | undefined {
  if (p.spec?.nodeName) return p.spec.nodeName;
  for (const t of p.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? []) {
    for (const f of t.matchFields ?? []) if (f.key === 'metadata.name' && f.operator === 'In' && f.values?.length === 1) return f.values[0];
  }
  return undefined;
}

export class DaemonSetController implements Controller {
  readonly name = 'daemonset-controller';
  private ctx!: ControllerContext;
  private dss!: Informer<DS>;
  private pods!: Informer<P>;
  private nodes!: Informer<Node & KObject>;
  private revisions!: Informer;
  private control!: PodControl;
  /** Failed daemon pods back off per DaemonSet and node: 1 s doubling to 15 min (upstream's failedPodsBackoff). */
  private failedBackoff = new Map<string, { delay: number; until: number }>();
  private shouldRunMemo = new WeakMap<object, { tols: Toleration[]; byNode: WeakMap<object, [boolean, boolean]> }>();

  start(ctx: ControllerContext): void {
    this.ctx = ctx;
    this.control = new PodControl(ctx.client, ctx.events);
    this.dss = ctx.informers.for<DS>('daemonsets.apps');
    this.pods = ctx.informers.for<P>('pods');
    this.nodes = ctx.informers.for<Node & KObject>('nodes');
    this.revisions = ctx.informers.for('controllerrevisions.apps');
    this.pods.addIndex('namespace', namespaceIndex);
    this.pods.addIndex('controller', controllerUidIndex);
    this.pods.addIndex('orphan', orphanIndex);
    this.dss.on((type, ds, old) => {
      // Its own status writes change nothing a sync reads.
      if (type === 'ADDED' || (type === 'MODIFIED' && !onlyStatusChanged(old, ds))) ctx.queue.add(objKey(ds));
    });
    this.pods.on((type, p, old) => {
      const ref = controllerOf(p);
      if (ref?.kind !== 'DaemonSet') return;
      if (type === 'MODIFIED' && old && !podChangedForOwner(old, p)) return;
      ctx.queue.add(`${p.metadata?.namespace}/${ref.name}`);
    });
    this.nodes.on((type, n, old) => {
      if (type === 'MODIFIED' && old && deepEqual(old.metadata?.labels, n.metadata?.labels) && deepEqual(old.spec?.taints, n.spec?.taints)) return;
      for (const ds of this.dss.list().sort((a, b) => (objKey(a) < objKey(b) ? -1 : 1))) ctx.queue.add(objKey(ds));
    });
  }

  reconcile(key: string): ReconcileResult {
    const ds = this.dss.get(key);
    if (!ds) return;
    const ns = ds.metadata!.namespace!;
    const now = this.ctx.clock.now();
    const { hash } = ensureControllerRevision(this.ctx, this.revisions, ds, 'DaemonSet', 'hash');
    // Only our pods and orphans can end up ours (claim skips the others), oldest first.
    const all = claim({ client: this.ctx.client, resource: 'pods', owner: ds, apiVersion: 'apps/v1', kind: 'DaemonSet', selector: fromLabelSelector(ds.spec?.selector) }, sortByCreation([...this.pods.byIndex('controller', ds.metadata!.uid!), ...this.pods.byIndex('orphan', ns)]));
    const byNode = new Map<string, P[]>();
    for (const p of all) {
      if (p.metadata?.deletionTimestamp) continue;
      const n = targetNode(p);
      if (!n) continue;
      const on = byNode.get(n);
      if (on) on.push(p);
      else byNode.set(n, [p]);
    }
    const nodes = this.nodes.list().sort((a, b) => (a.metadata!.name! < b.metadata!.name! ? -1 : 1));
    const minReady = ds.spec?.minReadySeconds ?? 0;
    const deleting = !!ds.metadata?.deletionTimestamp;
    const toCreate: string[] = [];
    const shouldRun = this.shouldRunOn(ds);
    const st = { desired: 0, current: 0, mis: 0, ready: 0, available: 0, updated: 0 };
    const oldAvailable: P[] = [];
    const oldUnavailable: P[] = [];
    let backoffUntil = Infinity;
    let unavailable = 0;
    for (const node of nodes) {
      const name = node.metadata!.name!;
      const [run, keep] = shouldRun(node);
      const pods = byNode.get(name) ?? [];
      if (run) st.desired++;
      if (pods.length > 0 && run) st.current++;
      else if (pods.length > 0) st.mis++;
      if (!run && !keep) {
        for (const p of pods) if (!deleting) this.control.delete(ds, p);
        continue;
      }
      if (!run) continue;
      const live = pods.filter((p) => p.status?.phase !== 'Failed');
      const bkey = `${key}|${name}`;
      for (const p of pods) {
        if (p.status?.phase !== 'Failed' || deleting) continue;
        const prev = this.failedBackoff.get(bkey);
        const delay = prev ? Math.min(prev.delay * 2, 15 * 60_000) : 1_000;
        this.failedBackoff.set(bkey, { delay, until: now + delay });
        this.ctx.events.event(ds, 'Warning', 'FailedDaemonPod', `Found failed daemon pod ${p.metadata!.namespace}/${p.metadata!.name} on node ${name}, will try to kill it`);
        this.control.delete(ds, p);
      }
      if (live.length === 0) {
        const b = this.failedBackoff.get(bkey);
        if (b && b.until > now) backoffUntil = Math.min(backoffUntil, b.until);
        else toCreate.push(name);
        unavailable++;
        continue;
      }
      for (const extra of live.slice(1)) if (!deleting) this.control.delete(ds, extra);
      const p = live[0]!;
      if (isPodReady(p)) st.ready++;
      const avail = isPodAvailable(p, minReady, now);
      if (avail) st.available++;
      else unavailable++;
      if (p.metadata?.labels?.[REVISION_HASH] === hash) st.updated++;
      else if (avail) oldAvailable.push(p);
      else oldUnavailable.push(p);
    }
    if (!deleting) {
      for (const node of toCreate) this.createOn(ds, node, hash);
      if ((ds.spec?.updateStrategy?.type ?? 'RollingUpdate') === 'RollingUpdate') {
        const maxUnavailable = Math.max(scaledValue(ds.spec?.updateStrategy?.rollingUpdate?.maxUnavailable ?? 1, st.desired, true), 1);
        for (const p of oldUnavailable) this.control.delete(ds, p);
        for (const p of oldAvailable) {
          if (unavailable >= maxUnavailable) break;
          this.control.delete(ds, p);
          unavailable++;
        }
      }
    }
    const status: DaemonSetStatus = {
      currentNumberScheduled: st.current,
      desiredNumberScheduled: st.desired,
      numberMisscheduled: st.mis,
      numberReady: st.ready,
      observedGeneration: ds.metadata?.generation,
    };
    if (st.available) status.numberAvailable = st.available;
    if (st.desired - st.available > 0) status.numberUnavailable = st.desired - st.available;
    if (st.updated) status.updatedNumberScheduled = st.updated;
    if (!deepEqual(status, ds.status ?? {})) {
      const r = this.ctx.client.updateStatus('daemonsets.apps', ns, ds.metadata!.name!, { ...clone(ds), status });
      if (!r.ok && r.status.reason !== 'NotFound') return { error: r.status.message };
    }
    if (backoffUntil < Infinity) return { requeueAfterMs: backoffUntil - now };
    if (minReady > 0 && st.ready > st.available) return { requeueAfterMs: minReady * 1000 };
    return;
  }

  /**
   * nodeShouldRun for this template, remembered per node object: stored
   * objects are immutable, so a node that hasn't been written gives the same
   * answer (most syncs see the same nodes as the last one).
   */
  private shouldRunOn(ds: DS): (node: Node) => [boolean, boolean] {
    const spec = ds.spec?.template?.spec ?? { containers: [] };
    let memo = this.shouldRunMemo.get(spec);
    if (!memo) this.shouldRunMemo.set(spec, (memo = { tols: daemonTolerations(spec), byNode: new WeakMap() }));
    const m = memo;
    return (node) => {
      let r = m.byNode.get(node);
      if (!r) m.byNode.set(node, (r = nodeShouldRun(ds, node, m.tols)));
      return r;
    };
  }

  private createOn(ds: DS, node: string, hash: string): void {
    const pod = podFromTemplate(ds.spec?.template, ds.metadata!.namespace!, newControllerRef(ds, 'apps/v1', 'DaemonSet'), `${ds.metadata!.name}-`);
    pod.metadata!.labels = { ...(pod.metadata!.labels ?? {}), [REVISION_HASH]: hash, 'pod-template-generation': String(ds.metadata?.generation ?? 1) };
    const spec = pod.spec as PodSpec & { affinity?: PodSpec['affinity'] };
    const term = { matchFields: [{ key: 'metadata.name', operator: 'In', values: [node] }] };
    spec.affinity = { ...(spec.affinity ?? {}), nodeAffinity: { ...(spec.affinity?.nodeAffinity ?? {}), requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [term] } } };
    (spec as { tolerations?: Toleration[] }).tolerations = daemonTolerations(spec);
    this.control.create(ds, pod);
  }
}
