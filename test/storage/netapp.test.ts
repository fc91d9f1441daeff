import { describe, expect, it } from 'vitest';
import { createEnvironment } from '../../src/commands/environment.js';
import { sh } from '../helpers.js';

describe('Azure NetApp Files', () => {
  it('a capacity pool in the region brings the azurenetappfiles class; a claim gets a NetApp volume', () => {
    const env = createEnvironment({ seed: 1 });
    expect(sh(env, 'kubectl get sc azurenetappfiles').code).not.toBe(0);
    expect(sh(env, 'az netappfiles account create -g myResourceGroup -n anf -l eastus -o none').code).toBe(0);
    const bad = sh(env, 'az netappfiles pool create -g myResourceGroup --account-name anf -n pool1 --size 0 --service-level Premium');
    expect(bad.code).not.toBe(0);
    expect(sh(env, 'az netappfiles pool create -g myResourceGroup --account-name anf -n pool1 --size 1 --service-level Premium -o none').code).toBe(0);
    expect(sh(env, 'kubectl get sc azurenetappfiles').out).toMatch(/azurenetappfiles\s+csi.trident.netapp.io\s+Delete\s+Immediate\s+true/);
    const pvc = 'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: shared\nspec:\n  accessModes: [ReadWriteMany]\n  storageClassName: azurenetappfiles\n  resources:\n    requests:\n      storage: 50Gi\n';
    expect(sh(env, 'kubectl apply -f -', pvc).code).toBe(0);
    sh(env, 'sleep 60s');
    expect(sh(env, 'kubectl get pvc shared').out).toMatch(/shared\s+Bound\s+pvc-[0-9a-f-]+\s+100Gi\s+RWX\s+azurenetappfiles/);
    const vols = JSON.parse(sh(env, 'az netappfiles volume list -g myResourceGroup --account-name anf --pool-name pool1').out) as { name: string }[];
    expect(vols).toHaveLength(1);
    expect(vols[0]!.name).toMatch(/^anf\/pool1\/pvc-/);
  });
});
