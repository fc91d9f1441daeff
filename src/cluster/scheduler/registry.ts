/**
 * The plugin registry and the default profile: plugins in upstream's
 * MultiPoint order (default_plugins.go) with the default score weights.
 * SchedulingGates and PrioritySort act in the queue; DefaultPreemption
 * (PostFilter) and DefaultBinder are called by the scheduler itself.
 * Another issue (storage) swaps a hook for its implementation with
 * setPluginFactory before the scheduler is installed.
 */
import type { Handle } from './handle.js';
import type { Plugin } from './types.js';
import { nodeUnschedulable } from './plugins/node-unschedulable.js';
import { nodeNamePlugin } from './plugins/node-name.js';
import { taintToleration } from './plugins/taint-toleration.js';
import { nodeAffinity } from './plugins/node-affinity.js';
import { nodePorts } from './plugins/node-ports.js';
import { nodeResourcesFit } from './plugins/node-resources-fit.js';
import { volumeRestrictions } from './plugins/volume-restrictions.js';
import { nodeVolumeLimits } from './plugins/node-volume-limits.js';
import { azureDiskLimits } from './plugins/azure-disk-limits.js';
import { volumeBinding } from './plugins/volume-binding.js';
import { volumeZone } from './plugins/volume-zone.js';
import { podTopologySpread } from './plugins/pod-topology-spread.js';
import { interPodAffinity } from './plugins/inter-pod-affinity.js';
import { nodeResourcesBalancedAllocation } from './plugins/node-resources-balanced-allocation.js';
import { imageLocality } from './plugins/image-locality.js';

export type PluginFactory = (h: Handle) => Plugin;

/** Names of every plugin in the default profile, in order (queue and bind plugins included). */
export const DEFAULT_PLUGINS = [
  'SchedulingGates',
  'PrioritySort',
  'NodeUnschedulable',
  'NodeName',
  'TaintToleration',
  'NodeAffinity',
  'NodePorts',
  'NodeResourcesFit',
  'VolumeRestrictions',
  'NodeVolumeLimits',
  'AzureDiskLimits',
  'VolumeBinding',
  'VolumeZone',
  'PodTopologySpread',
  'InterPodAffinity',
  'DefaultPreemption',
  'NodeResourcesBalancedAllocation',
  'ImageLocality',
  'DefaultBinder',
] as const;

export const DEFAULT_WEIGHTS: Record<string, number> = {
  TaintToleration: 3,
  NodeAffinity: 2,
  PodTopologySpread: 2,
  InterPodAffinity: 2,
  NodeResourcesFit: 1,
  NodeResourcesBalancedAllocation: 1,
  ImageLocality: 1,
};

const factories = new Map<string, PluginFactory>([
  ['NodeUnschedulable', () => nodeUnschedulable],
  ['NodeName', () => nodeNamePlugin],
  ['TaintToleration', () => taintToleration],
  ['NodeAffinity', () => nodeAffinity],
  ['NodePorts', () => nodePorts],
  ['NodeResourcesFit', () => nodeResourcesFit],
  ['VolumeRestrictions', volumeRestrictions],
  ['NodeVolumeLimits', nodeVolumeLimits],
  ['AzureDiskLimits', azureDiskLimits],
  ['VolumeBinding', volumeBinding],
  ['VolumeZone', volumeZone],
  ['PodTopologySpread', podTopologySpread],
  ['InterPodAffinity', interPodAffinity],
  ['NodeResourcesBalancedAllocation', () => nodeResourcesBalancedAllocation],
  ['ImageLocality', imageLocality],
]);

/** Replace a plugin implementation (the storage issue fills the volume hooks this way). */
export function setPluginFactory(name: string, f: PluginFactory): void {
  factories.set(name, f);
}

/** The framework plugins of the default profile, built for one scheduler. */
export function buildPlugins(h: Handle): Plugin[] {
  const out: Plugin[] = [];
  for (const n of DEFAULT_PLUGINS) {
    const f = factories.get(n);
    if (f) out.push(f(h));
  }
  return out;
}
