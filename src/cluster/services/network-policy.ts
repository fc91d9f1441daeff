/**
 * NetworkPolicy on simulated traffic: stored always, enforced only when the
 * cluster's policy engine is azure, calico or cilium (with `none` a real
 * cluster ignores them too). Ingress rules of policies selecting the
 * destination pod: default deny once any policy selects it, then pod /
 * namespace selectors, ipBlocks and ports open it.
 */
import type { Namespace, Pod } from 'kubernetes-types/core/v1.js';
import type { NetworkPolicy, NetworkPolicyPeer } from 'kubernetes-types/networking/v1.js';
import type { Cluster } from '../cluster.js';
import { fromLabelSelector, matchesLabels } from '../api/selectors.js';
import { ipToInt } from '../node/machine.js';
import { networkOf } from './network-config.js';
import type { Client } from './traffic.js';

function inCidr(ip: string, cidr: string): boolean {
  const [base, bits] = cidr.split('/') as [string, string];
  const size = 2 ** (32 - Number(bits));
  const start = ipToInt(base) - (ipToInt(base) % size);
  const n = ipToInt(ip);
  return n >= start && n < start + size;
}

function peerMatches(cluster: Cluster, peer: NetworkPolicyPeer, policyNs: string, client: Client): boolean {
  if (peer.ipBlock) return inCidr(client.ip, peer.ipBlock.cidr) && !(peer.ipBlock.except ?? []).some((e) => inCidr(client.ip, e));
  if (client.kind !== 'pod' || !client.pod) return false;
  const podNs = client.namespace;
  if (peer.namespaceSelector) {
    const ns = cluster.store.get(`/registry/namespaces/${podNs}`)?.value as Namespace | undefined;
    if (!matchesLabels(fromLabelSelector(peer.namespaceSelector), ns?.metadata?.labels)) return false;
  } else if (podNs !== policyNs) return false;
  if (peer.podSelector) return matchesLabels(fromLabelSelector(peer.podSelector), client.pod.metadata?.labels);
  return true;
}

export function policyAllows(cluster: Cluster, client: Client, dest: Pod, port: number): { allowed: boolean; reason?: string } {
  if (networkOf(cluster).networkPolicy === 'none') return { allowed: true };
  const ns = dest.metadata?.namespace ?? 'default';
  const policies = cluster.store.listDir(`/registry/networkpolicies/${ns}`).map((e) => e.value as unknown as NetworkPolicy);
  const selecting = policies.filter((p) => {
    const types = p.spec?.policyTypes ?? ['Ingress'];
    return types.includes('Ingress') && matchesLabels(fromLabelSelector(p.spec?.podSelector ?? {}), dest.metadata?.labels);
  });
  if (selecting.length === 0) return { allowed: true };
  for (const p of selecting) {
    for (const rule of p.spec?.ingress ?? []) {
      const portOk = !rule.ports || rule.ports.length === 0 || rule.ports.some((rp) => rp.port === undefined || rp.port === port || (typeof rp.port === 'string' && (dest.spec?.containers ?? []).some((c) => (c.ports ?? []).some((cp) => cp.name === rp.port && cp.containerPort === port))));
      const fromOk = !rule.from || rule.from.length === 0 || rule.from.some((peer) => peerMatches(cluster, peer, ns, client));
      if (portOk && fromOk) return { allowed: true };
    }
  }
  return { allowed: false, reason: `${selecting.map((p) => p.metadata?.name).join(', ')} select${selecting.length === 1 ? 's' : ''} the pod and no ingress rule allows this source/port` };
}
