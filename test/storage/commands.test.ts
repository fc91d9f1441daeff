import { describe, expect, it } from 'vitest';
import { createEnvironment } from '../../src/commands/environment.js';
import { sh } from '../helpers.js';

const PVC = `apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: data
spec:
  accessModes: [ReadWriteOnce]
  resources:
    requests:
      storage: 5Gi
---
apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: web
    image: nginx
    volumeMounts:
    - name: data
      mountPath: /data
  volumes:
  - name: data
    persistentVolumeClaim:
      claimName: data
`;

describe('kubectl and az for storage', () => {
  it('kubectl get sc lists the AKS classes as a fresh cluster shows them', () => {
    const env = createEnvironment({ seed: 1 });
    const out = sh(env, 'kubectl get sc').out;
    expect(out.split('\n').map((l) => l.replace(/\s+\S+$/, '').trimEnd())).toEqual([
      'NAME                    PROVISIONER          RECLAIMPOLICY   VOLUMEBINDINGMODE      ALLOWVOLUMEEXPANSION',
      'azurefile               file.csi.azure.com   Delete          Immediate              true',
      'azurefile-csi           file.csi.azure.com   Delete          Immediate              true',
      'azurefile-csi-premium   file.csi.azure.com   Delete          Immediate              true',
      'azurefile-premium       file.csi.azure.com   Delete          Immediate              true',
      'default (default)       disk.csi.azure.com   Delete          WaitForFirstConsumer   true',
      'managed                 disk.csi.azure.com   Delete          WaitForFirstConsumer   true',
      'managed-csi             disk.csi.azure.com   Delete          WaitForFirstConsumer   true',
      'managed-csi-premium     disk.csi.azure.com   Delete          WaitForFirstConsumer   true',
      'managed-premium         disk.csi.azure.com   Delete          WaitForFirstConsumer   true',
      '',
    ]);
  });

  it('a claim, its disk in the node resource group, and describe pvc', () => {
    const env = createEnvironment({ seed: 1 });
    expect(sh(env, 'kubectl apply -f -', PVC).code).toBe(0);
    expect(sh(env, 'kubectl get pvc data').out).toMatch(/^NAME\s+STATUS\s+VOLUME\s+CAPACITY\s+ACCESS MODES\s+STORAGECLASS\s+VOLUMEATTRIBUTESCLASS\s+AGE\ndata\s+Pending\s+default\s+<unset>/);
    sh(env, 'sleep 60s');
    const pvc = sh(env, 'kubectl get pvc data').out;
    expect(pvc).toMatch(/data\s+Bound\s+pvc-[0-9a-f-]+\s+5Gi\s+RWO\s+default\s+<unset>/);
    const disks = sh(env, 'az disk list -g MC_myResourceGroup_myAKSCluster_eastus -o table').out;
    expect(disks.split('\n')[0]).toMatch(/^Name\s+ResourceGroup\s+Location\s+Zones\s+Sku\s+SizeGb\s+Status\s*$/);
    expect(disks).toMatch(/pvc-[0-9a-f-]+\s+MC_MYRESOURCEGROUP_MYAKSCLUSTER_EASTUS\s+eastus\s+StandardSSD_LRS\s+5\s+Succeeded/);
    const d = sh(env, 'kubectl describe pvc data').out;
    expect(d).toMatch(/^Name:\s+data\nNamespace:\s+default\nStorageClass:\s+default\nStatus:\s+Bound\nVolume:\s+pvc-/);
    expect(d).toMatch(/Used By:\s+web\n/);
    expect(d).toContain('ProvisioningSucceeded');
    const json = JSON.parse(sh(env, 'az disk list -g MC_myResourceGroup_myAKSCluster_eastus').out) as { diskState: string; managedBy: string }[];
    expect(json[0]!.diskState).toBe('Attached');
    expect(json[0]!.managedBy).toMatch(/virtualMachineScaleSets\/aks-nodepool1-\d+-vmss\/virtualMachines\/\d+$/);
    expect(sh(env, 'kubectl get volumeattachments').out).toMatch(/^NAME\s+ATTACHER\s+PV\s+NODE\s+ATTACHED\s+AGE\ncsi-[0-9a-f]{64}\s+disk.csi.azure.com\s+pvc-/);
  });

  it('az aks update --enable-blob-driver adds the blob classes and driver', () => {
    const env = createEnvironment({ seed: 1 });
    expect(sh(env, 'kubectl get sc').out).not.toContain('azureblob');
    expect(sh(env, 'az aks update -g myResourceGroup -n myAKSCluster --enable-blob-driver -o none').code).toBe(0);
    expect(sh(env, 'kubectl get sc').out).toMatch(/azureblob-fuse-premium\s+blob.csi.azure.com/);
    expect(sh(env, 'kubectl get csidrivers').out).toContain('blob.csi.azure.com');
  });
});
