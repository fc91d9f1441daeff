/**
 * Storage in the control plane: the controller-manager's volume controllers
 * (PV binder, attach/detach, protection) for every cluster, and the CSI
 * drivers' controller sidecars plus CSINode registration for a cluster whose
 * cloud serves volumes (AKS: cloud/aks-storage.ts).
 */
import type { Cluster } from '../cluster.js';
import { PersistentVolumeController } from './pv-controller.js';
import { AttachDetachController } from './attach-detach-controller.js';
import { PvcProtectionController, PvProtectionController } from './protection-controllers.js';
import { CsiProvisioner, csiControllerUser } from './csi-provisioner.js';
import { CsiAttacher } from './csi-attacher.js';
import { CsiNodePublisher } from './csinode-publisher.js';
import { setStorageBackend, type StorageBackend } from './backend.js';

export function installStorageControllers(cluster: Cluster, on: (name: string) => boolean): void {
  if (on('persistentvolume-binder-controller')) cluster.addController(new PersistentVolumeController());
  if (on('attachdetach-controller')) cluster.addController(new AttachDetachController());
  if (on('pvc-protection-controller')) cluster.addController(new PvcProtectionController());
  if (on('pv-protection-controller')) cluster.addController(new PvProtectionController());
}

const started = new WeakMap<Cluster, Set<string>>();

/** Start the CSI controller sidecars for the backend's drivers (again after a driver is enabled: only new ones start). */
export function installCsiDrivers(cluster: Cluster, backend: StorageBackend): void {
  setStorageBackend(cluster, backend);
  let have = started.get(cluster);
  if (!have) {
    have = new Set();
    started.set(cluster, have);
    cluster.addController(new CsiNodePublisher(cluster, backend), { username: 'system:serviceaccount:kube-system:csi-node', groups: ['system:masters', 'system:authenticated'] });
  }
  for (const d of backend.drivers()) {
    if (have.has(d.name)) continue;
    have.add(d.name);
    const user = csiControllerUser(d.name);
    cluster.addController(new CsiProvisioner(d.name, backend, d), user);
    if (d.attachMs > 0) cluster.addController(new CsiAttacher(d.name, backend, d.attachMs), user);
  }
}
