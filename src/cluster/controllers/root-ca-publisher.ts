/**
 * The root CA publisher: a `kube-root-ca.crt` ConfigMap in every namespace
 * with the cluster's CA bundle (what projected service account volumes mount
 * as ca.crt). The certificate is a stand-in drawn from the seeded source.
 */
import type { Controller, ControllerContext, ReconcileResult } from '../runtime/controller.js';
import type { Informer } from '../runtime/informer.js';
import type { KObject } from '../api/types.js';
import { deepEqual } from '../api/paths.js';
import { isActive } from './serviceaccount-controller.js';

export const ROOT_CA_NAME = 'kube-root-ca.crt';
const DESCRIPTION =
  'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.';

/** A PEM-shaped certificate (base64 of seeded bytes, 64-char lines). */
export function fakeCaPem(rng: { int(n: number): number }): string {
  const bytes = new Uint8Array(1100);
  for (let i = 0; i < bytes.length; i++) bytes[i] = rng.int(256);
  bytes[0] = 0x30;
  bytes[1] = 0x82;
  const b64 = Buffer.from(bytes).toString('base64');
  const lines = b64.match(/.{1,64}/g) ?? [];
  return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`;
}

export class RootCaPublisher implements Controller {
  readonly name = 'root-ca-cert-publisher';
  private ctx!: ControllerContext;
  private namespaces!: Informer;
  private configmaps!: Informer;
  private ca = '';

  start(ctx: ControllerContext): void {
    this.ctx = ctx;
    this.ca = fakeCaPem(ctx.rng);
    this.namespaces = ctx.informers.for('namespaces');
    this.configmaps = ctx.informers.for('configmaps');
    this.namespaces.on((type, ns) => {
      if (type !== 'DELETED') ctx.queue.add(ns.metadata!.name!);
    });
    this.configmaps.on((_type, cm) => {
      if (cm.metadata?.name === ROOT_CA_NAME) ctx.queue.add(cm.metadata.namespace!);
    });
  }

  reconcile(ns: string): ReconcileResult {
    const n = this.namespaces.get(ns);
    if (!n || !isActive(n)) return;
    const data = { 'ca.crt': this.ca };
    const annotations = { 'kubernetes.io/description': DESCRIPTION };
    const cur = this.configmaps.getNs(ns, ROOT_CA_NAME) as (KObject & { data?: Record<string, string> }) | undefined;
    const client = this.ctx.client;
    let r;
    if (!cur) r = client.create('configmaps', ns, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: ROOT_CA_NAME, namespace: ns, annotations }, data });
    else if (!deepEqual(cur.data, data) || cur.metadata?.annotations?.['kubernetes.io/description'] !== DESCRIPTION) {
      r = client.patch('configmaps', ns, ROOT_CA_NAME, { metadata: { annotations }, data });
    }
    if (r && !r.ok && !['AlreadyExists', 'Forbidden', 'NotFound'].includes(r.status.reason)) return { error: r.status.message };
    return;
  }
}
