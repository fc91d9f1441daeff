/**
 * Node auto-repair (facts §1.8): every minute AKS looks for nodes NotReady
 * (or silent) for 5 minutes; it reboots them, then reimages, then redeploys,
 * as the user `aks-remediator`, with `aks-auto-repair` events. Nodes that are
 * mid-upgrade or tainted for shutdown/scale-down are left alone.
 */
import type { AzureCloud } from './cloud.js';
import type { ManagedCluster, VmssInstance } from './types.js';
import { EventRecorder } from '../runtime/events.js';
import type { KObject, UserInfo } from '../api/types.js';
import { bootInstance, powerOff, reimageInstance } from './instances.js';

export const AKS_REMEDIATOR: UserInfo = { username: 'aks-remediator', groups: ['system:masters', 'system:authenticated'] };
export const CHECK_EVERY_MS = 60_000;
export const UNHEALTHY_FOR_MS = 5 * 60_000;
const STEP_MS = 2 * 60_000;

type NodeObj = KObject & { spec?: { taints?: { key: string }[] }; status?: { conditions?: { type: string; status: string; lastTransitionTime?: string }[] } };
type Stage = 'reboot' | 'reimage' | 'redeploy';

/** Start the repair loop for one cluster (runs while the cluster exists and is running). */
export function startAutoRepair(cloud: AzureCloud, mc: ManagedCluster): void {
  const repairing = new Map<string, { stage: Stage; at: number }>();
  const events = new EventRecorder(mc.cluster.client(AKS_REMEDIATOR), cloud.world.clock, 'aks-auto-repair');
  const tick = (): void => {
    if (!cloud.clusters.includes(mc)) return;
    if (mc.powerState === 'Running' && mc.provisioningState !== 'Upgrading') check();
    cloud.world.clock.setTimeout(tick, CHECK_EVERY_MS, `auto-repair ${mc.name}`);
  };
  const check = (): void => {
    const now = cloud.world.clock.now();
    for (const pool of mc.pools) {
      if (pool.provisioningState === 'Upgrading') continue;
      for (const inst of pool.instances) {
        if (inst.state !== 'Running') continue;
        const node = mc.cluster.admin.get<NodeObj>('nodes', undefined, inst.name);
        if (!node.ok) continue;
        const n = node.object;
        if ((n.spec?.taints ?? []).some((t) => t.key === 'node.cloudprovider.kubernetes.io/shutdown' || t.key === 'ToBeDeletedByClusterAutoscaler')) continue;
        const ready = n.status?.conditions?.find((c) => c.type === 'Ready');
        if (ready?.status === 'True') {
          repairing.delete(inst.name);
          continue;
        }
        const since = ready?.lastTransitionTime ? Date.parse(ready.lastTransitionTime) : now;
        const cur = repairing.get(inst.name);
        if (!cur && now - since >= UNHEALTHY_FOR_MS) act(inst, n, 'reboot');
        else if (cur && now - cur.at >= STEP_MS * 3) act(inst, n, cur.stage === 'reboot' ? 'reimage' : 'redeploy');
      }
    }
  };
  const act = (inst: VmssInstance, n: NodeObj, stage: Stage): void => {
    const pool = mc.pools.find((p) => p.instances.includes(inst))!;
    const Cap = stage[0]!.toUpperCase() + stage.slice(1);
    repairing.set(inst.name, { stage, at: cloud.world.clock.now() });
    events.event(n, 'Normal', `Node${Cap}Start`, `Node auto-repair is initiating a ${stage} action due to NotReady status persisting for more than 5 minutes.`);
    const end = () => {
      const fresh = mc.cluster.admin.get<NodeObj>('nodes', undefined, inst.name);
      if (fresh.ok) events.event(fresh.object, 'Normal', `Node${Cap}End`, `${Cap} action from node auto-repair is completed.`);
    };
    switch (stage) {
      case 'reboot':
        cloud.world.clock.setTimeout(() => {
          if (inst.kubelet) inst.kubelet.restart();
          end();
        }, STEP_MS, `auto-repair reboot ${inst.name}`);
        return;
      case 'reimage':
        reimageInstance(cloud, mc, pool, inst, inst.orchestratorVersion, inst.nodeImageRelease);
        cloud.world.clock.setTimeout(end, STEP_MS, `auto-repair reimage ${inst.name}`);
        return;
      case 'redeploy':
        powerOff(mc, inst);
        inst.state = 'Creating';
        cloud.world.clock.setTimeout(() => {
          bootInstance(cloud, mc, pool, inst);
          end();
        }, STEP_MS, `auto-repair redeploy ${inst.name}`);
        return;
    }
  };
  cloud.world.clock.setTimeout(tick, CHECK_EVERY_MS, `auto-repair ${mc.name}`);
}
