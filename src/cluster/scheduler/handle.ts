/** What plugins may read beyond the pod and node in hand (upstream's framework.Handle, read-only). */
import type { KObject } from '../api/types.js';
import type { Client } from '../api/client.js';
import type { NodeInfo } from './node-info.js';
import type { Selector } from '../api/selectors.js';
import type { SpreadCounts } from './spread-index.js';
import type { AffinityIndexes } from './affinity-index.js';

export interface Handle {
  /** Every node, in node-tree order. */
  nodes(): readonly NodeInfo[];
  node(name: string): NodeInfo | undefined;
  /** Nodes with pods that carry affinity terms, and with pods that carry required anti-affinity. */
  nodesWithAffinity(): ReadonlySet<NodeInfo>;
  nodesWithRequiredAntiAffinity(): ReadonlySet<NodeInfo>;
  /** Nodes with pods whose terms can score other pods (required affinity or preferred terms). */
  nodesWithScoringAffinity(): ReadonlySet<NodeInfo>;
  /** How many nodes have an image. */
  imageNodes(): ReadonlyMap<string, number>;
  /** A namespace's labels (for namespaceSelector in affinity terms). */
  nsLabels(ns: string): Record<string, string> | undefined;
  /**
   * Pods in `namespace` the selector picks, per node and per domain of `key` over nodes carrying every one of `keys`
   * (kept current by the scheduler's cache; without it, PodTopologySpread counts `nodes()` each cycle).
   */
  spreadCounts?(namespace: string, selector: Selector | null, key: string, keys: readonly string[]): SpreadCounts;
  /** InterPodAffinity's PreFilter counts over existing pods (kept current by the scheduler's cache; without it, counted from `nodes()` each cycle). */
  affinityCounts?(): AffinityIndexes;
  /** Objects of a watched resource in one namespace (services, replicasets.apps, …). */
  list(resource: string, namespace: string): readonly KObject[];
  /** One object of a watched resource (storage: persistentvolumeclaims, persistentvolumes, storageclasses.storage.k8s.io, csinodes.storage.k8s.io, csidrivers.storage.k8s.io). */
  get?(resource: string, namespace: string | undefined, name: string): KObject | undefined;
  /** Every object of a watched resource. */
  all?(resource: string): readonly KObject[];
  /** Write as the scheduler (VolumeBinding's PreBind sets selected-node on claims). */
  client?(): Client;
}
