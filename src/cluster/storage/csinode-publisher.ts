/**
 * CSINode objects, as each node's kubelet writes them when the CSI node
 * plugins (csi-azuredisk-node, csi-azurefile-node) register: one per node
 * named after it, owned by the Node, listing the drivers with their node id,
 * topology keys and, for Azure Disk, `allocatable.count` = the VM size's
 * max data disks (what NodeVolumeLimits reads).
 */
import type { Node } from 'kubernetes-types/core/v1.js';
import type { CSINode } from 'kubernetes-types/storage/v1.js';
import type { Cluster } from '../cluster.js';
import type { Controller, ControllerContext, ReconcileResult } from '../runtime/controller.js';
import type { Informer } from '../runtime/informer.js';
import type { KObject } from '../api/types.js';
import { deepEqual } from '../api/paths.js';
import type { StorageBackend } from './backend.js';
import { DISK_DRIVER } from './classes.js';
import { ZONE_KEY } from './csi-provisioner.js';

export class CsiNodePublisher implements Controller {
  readonly name = 'csinode-registration';
  private ctx!: ControllerContext;
  private nodes!: Informer<Node & KObject>;
  private csinodes!: Informer<CSINode & KObject>;

  constructor(
    private readonly cluster: Cluster,
    private readonly backend: StorageBackend,
  ) {}

  start(ctx: ControllerContext): void {
    this.ctx = ctx;
    this.nodes = ctx.informers.for<Node & KObject>('nodes');
    this.csinodes = ctx.informers.for<CSINode & KObject>('csinodes.storage.k8s.io');
    this.nodes.on((type, n) => {
      if (type !== 'DELETED') ctx.queue.add(n.metadata!.name!);
    });
  }

  private want(node: Node): CSINode['spec'] {
    const type = node.metadata?.labels?.['node.kubernetes.io/instance-type'] ?? '';
    return {
      drivers: this.backend
        .drivers()
        .map((d) => d.name)
        .sort()
        .map((name) => {
          const max = this.backend.maxVolumesPerNode(name, type);
          return { name, nodeID: node.metadata!.name!, topologyKeys: name === DISK_DRIVER ? [ZONE_KEY] : null, ...(max !== undefined ? { allocatable: { count: max } } : {}) } as NonNullable<CSINode['spec']>['drivers'][number];
        }),
    };
  }

  reconcile(name: string): ReconcileResult {
    const node = this.nodes.get(name);
    if (!node || node.metadata?.deletionTimestamp) return;
    const spec = this.want(node);
    const cur = this.csinodes.get(name);
    const client = this.cluster.client({ username: `system:node:${name}`, groups: ['system:nodes', 'system:authenticated'] });
    if (!cur) {
      const obj: CSINode = {
        apiVersion: 'storage.k8s.io/v1',
        kind: 'CSINode',
        metadata: { name, annotations: { 'storage.alpha.kubernetes.io/migrated-plugins': 'kubernetes.io/azure-disk,kubernetes.io/azure-file,kubernetes.io/aws-ebs,kubernetes.io/cinder,kubernetes.io/gce-pd,kubernetes.io/portworx-volume,kubernetes.io/vsphere-volume' }, ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name, uid: node.metadata!.uid! }] },
        spec: spec!,
      };
      const r = client.create('csinodes.storage.k8s.io', undefined, obj);
      if (!r.ok && r.status.reason !== 'AlreadyExists') return { error: r.status.message };
      return;
    }
    if (deepEqual(cur.spec, spec)) return;
    const r = client.update('csinodes.storage.k8s.io', undefined, name, { ...cur, spec });
    if (!r.ok && r.status.reason !== 'NotFound') return { error: r.status.message };
    return;
  }
}
