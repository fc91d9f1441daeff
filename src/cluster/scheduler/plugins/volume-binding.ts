/**
 * VolumeBinding (pkg/scheduler/framework/plugins/volumebinding): a pod's
 * claims must exist; Immediate claims must already be bound; bound volumes'
 * node affinity must match the node; a WaitForFirstConsumer claim needs a
 * static PV that fits on the node or a class that can provision there. In
 * PreBind it pre-binds the chosen static PV or sets
 * `volume.kubernetes.io/selected-node` on the claim, and waits until every
 * claim is bound before the pod is bound.
 */
import type { Node, PersistentVolume, PersistentVolumeClaim } from 'kubernetes-types/core/v1.js';
import type { Handle } from '../handle.js';
import type { PodInfo } from '../pod-info.js';
import { type CycleState, type Plugin, unresolvable, unschedulable, errorStatus } from '../types.js';
import { claimNames, claimOf, classOf, volumeOf } from './volume-hook.js';
import { claimClass } from '../../storage/admission.js';
import { ANN_SELECTED_NODE, bestMatch, pvNodeAffinityMatches } from '../../storage/binding.js';
import { clone } from '../../api/paths.js';
import { termMatches } from '../../controllers/node-affinity.js';

export const name = 'VolumeBinding';
export const ERR_UNBOUND_IMMEDIATE = 'pod has unbound immediate PersistentVolumeClaims';
export const ERR_BIND_CONFLICT = "node(s) didn't find available persistent volumes to bind";
export const ERR_NODE_CONFLICT = 'node(s) had volume node affinity conflict';
export const ERR_PV_NOT_EXIST = 'node(s) unavailable due to one or more pvc(s) bound to non-existent pv(s)';

interface State {
  bound: { claim: PersistentVolumeClaim; pv?: PersistentVolume }[];
  delayed: PersistentVolumeClaim[];
  /** Per node: the static PVs chosen for delayed claims (claim name → PV), or a claim to provision. */
  decisions: Map<string, { claim: PersistentVolumeClaim; pv?: PersistentVolume }[]>;
  /** Claims this cycle asked to provision on a node (`node|claim`). */
  asked: Set<string>;
}

const KEY = 'VolumeBinding';

function canProvision(h: Handle, claim: PersistentVolumeClaim, node: Node): boolean {
  const sc = classOf(h, claimClass(claim));
  if (!sc || !sc.provisioner || sc.provisioner === 'kubernetes.io/no-provisioner') return false;
  const topo = sc.allowedTopologies ?? [];
  if (topo.length === 0) return true;
  return topo.some((t) => termMatches({ matchExpressions: (t.matchLabelExpressions ?? []).map((e) => ({ key: e.key, operator: 'In', values: e.values })) }, node));
}

export const volumeBinding = (h: Handle): Plugin => ({
  name,
  preFilter(state: CycleState, pod: PodInfo) {
    const names = claimNames(pod);
    if (names.length === 0) return 'skip';
    const st: State = { bound: [], delayed: [], decisions: new Map(), asked: new Set() };
    let immediate = false;
    for (const n of names) {
      const claim = claimOf(h, pod.namespace, n);
      if (!claim) return unresolvable(`persistentvolumeclaim "${n}" not found`);
      if (claim.metadata?.deletionTimestamp) return unresolvable(`persistentvolumeclaim "${n}" is being deleted`);
      if (claim.spec?.volumeName) {
        st.bound.push({ claim, pv: volumeOf(h, claim.spec.volumeName) });
        continue;
      }
      const sc = classOf(h, claimClass(claim));
      if (sc?.volumeBindingMode === 'WaitForFirstConsumer') st.delayed.push(claim);
      else immediate = true;
    }
    if (immediate) return unresolvable(ERR_UNBOUND_IMMEDIATE);
    state.write(KEY, st);
    return null;
  },
  filter(state, _pod, node) {
    const st = state.read<State>(KEY);
    if (!st) return null;
    for (const b of st.bound) {
      if (!b.pv) return unresolvable(ERR_PV_NOT_EXIST);
      if (!pvNodeAffinityMatches(b.pv, node.node)) return unresolvable(ERR_NODE_CONFLICT);
    }
    if (st.delayed.length === 0) return null;
    const taken = new Set<string>();
    const decisions: { claim: PersistentVolumeClaim; pv?: PersistentVolume }[] = [];
    const pvs = (h.all?.('persistentvolumes') ?? []) as unknown as PersistentVolume[];
    for (const claim of st.delayed) {
      const pv = bestMatch(claim, pvs.filter((p) => !taken.has(p.metadata?.name ?? '')), node.node);
      if (pv) {
        taken.add(pv.metadata!.name!);
        decisions.push({ claim, pv });
        continue;
      }
      if (!canProvision(h, claim, node.node)) return unschedulable(ERR_BIND_CONFLICT);
      decisions.push({ claim });
    }
    st.decisions.set(node.name, decisions);
    return null;
  },
  preBind(state, pod, node) {
    const st = state.read<State>(KEY);
    if (!st || st.delayed.length === 0) return null;
    const client = h.client?.();
    if (!client) return errorStatus('binding volumes: no client');
    let waiting = false;
    for (const d of st.decisions.get(node) ?? []) {
      const claimName = d.claim.metadata!.name!;
      const cur = claimOf(h, pod.namespace, claimName);
      if (!cur) return errorStatus(`binding volumes: persistentvolumeclaim "${claimName}" not found`);
      if (cur.spec?.volumeName && cur.status?.phase === 'Bound') continue;
      waiting = true;
      if (d.pv) {
        const pv = volumeOf(h, d.pv.metadata!.name!);
        if (pv && !pv.spec?.claimRef) {
          const next = clone(pv);
          next.spec!.claimRef = { kind: 'PersistentVolumeClaim', apiVersion: 'v1', namespace: pod.namespace, name: claimName, uid: cur.metadata?.uid, resourceVersion: cur.metadata?.resourceVersion };
          next.metadata!.annotations = { ...(next.metadata!.annotations ?? {}), 'pv.kubernetes.io/bound-by-controller': 'yes' };
          const r = client.update('persistentvolumes', undefined, pv.metadata!.name!, next);
          if (!r.ok) return errorStatus(`binding volumes: ${r.status.message}`);
        }
        continue;
      }
      const ann = cur.metadata?.annotations ?? {};
      if (ann[ANN_SELECTED_NODE] === node) continue;
      if (ann[ANN_SELECTED_NODE] === undefined && st.asked.has(`${node}|${claimName}`)) {
        return errorStatus(`binding volumes: provisioning failed for PVC "${claimName}"`);
      }
      const next = clone(cur);
      next.metadata!.annotations = { ...ann, [ANN_SELECTED_NODE]: node };
      const r = client.update('persistentvolumeclaims', pod.namespace, claimName, next);
      if (!r.ok) return errorStatus(`binding volumes: ${r.status.message}`);
      st.asked.add(`${node}|${claimName}`);
    }
    return waiting ? 'wait' : null;
  },
});
