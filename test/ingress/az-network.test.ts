import { describe, expect, it } from 'vitest';
import { createEnvironment } from '../../src/commands/environment.js';
import { sh } from '../helpers.js';

const RG = 'MC_myResourceGroup_myAKSCluster_eastus';

describe('az network lb / public-ip / nsg for a LoadBalancer Service', () => {
  it('shows the frontend, rule, probe, public IP and NSG rule in ARM shapes and table columns, and Azure errors', () => {
    const env = createEnvironment({ seed: 1 });
    sh(env, 'kubectl create deployment web --image=nginx');
    sh(env, 'kubectl expose deployment web --port=80 --type=LoadBalancer');
    sh(env, 'sleep 20s');
    const ip = sh(env, 'kubectl get svc web -o jsonpath={.status.loadBalancer.ingress[0].ip}').out.trim();
    const nodePort = sh(env, 'kubectl get svc web -o jsonpath={.spec.ports[0].nodePort}').out.trim();
    expect(ip).toMatch(/^\d+\.\d+\.\d+\.\d+$/);

    const lb = JSON.parse(sh(env, `az network lb show -g ${RG} -n kubernetes`).out);
    expect(lb).toMatchObject({ name: 'kubernetes', type: 'Microsoft.Network/loadBalancers', sku: { name: 'Standard', tier: 'Regional' }, resourceGroup: RG });
    expect(lb.outboundRules[0].name).toBe('aksOutboundRule');
    expect(lb.backendAddressPools.map((b: { name: string }) => b.name)).toEqual(['kubernetes', 'aksOutboundBackendPool']);
    const rule = lb.loadBalancingRules[0];
    expect(rule).toMatchObject({ frontendPort: 80, backendPort: Number(nodePort), protocol: 'Tcp', enableFloatingIP: true, idleTimeoutInMinutes: 4 });
    expect(rule.name).toMatch(/^a[0-9a-f]{32}-TCP-80$/);
    expect(lb.probes[0]).toMatchObject({ name: rule.name, protocol: 'Tcp', port: Number(nodePort), intervalInSeconds: 5, numberOfProbes: 2 });
    expect(lb.frontendIPConfigurations).toHaveLength(2);

    const pipTable = sh(env, `az network public-ip list -g ${RG} -o table`).out;
    expect(pipTable.split('\n')[0]).toMatch(/^IdleTimeoutInMinutes\s+IpAddress\s+Location\s+Name\s+ProvisioningState\s+PublicIPAddressVersion\s+PublicIPAllocationMethod\s+ResourceGroup\s+ResourceGuid\s*$/);
    expect(pipTable).toContain(ip);
    const pip = JSON.parse(sh(env, `az network public-ip show -g ${RG} -n kubernetes-${rule.name.replace(/-TCP-80$/, '')}`).out);
    expect(pip).toMatchObject({ ipAddress: ip, publicIPAllocationMethod: 'Static', sku: { name: 'Standard' }, tags: { 'k8s-azure-service': 'default/web' } });

    const nsgName = JSON.parse(sh(env, `az network nsg list -g ${RG}`).out)[0].name as string;
    expect(nsgName).toMatch(/^aks-agentpool-\d+-nsg$/);
    const rules = sh(env, `az network nsg rule list -g ${RG} --nsg-name ${nsgName} -o table`).out.trimEnd().split('\n');
    expect(rules[0]).toMatch(/^Name\s+ResourceGroup\s+Priority\s+SourcePortRanges\s+SourceAddressPrefixes\s+SourceASG\s+Access\s+Protocol\s+Direction\s+DestinationPortRanges\s+DestinationAddressPrefixes\s+DestinationASG$/);
    expect(rules).toHaveLength(3);
    expect(rules[2]).toMatch(new RegExp(`^k8s-azure-lb_allow_IPv4_${rule.name}\\s+${RG}\\s+500\\s+\\*\\s+Internet\\s+None\\s+Allow\\s+Tcp\\s+Inbound\\s+80\\s+${ip.replace(/\./g, '\\.')}\\s+None$`));
    expect(JSON.parse(sh(env, `az network nsg rule list -g ${RG} --nsg-name ${nsgName} --include-default`).out)).toHaveLength(7);

    const missing = sh(env, `az network lb show -g ${RG} -n nope`);
    expect(missing.code).toBe(3);
    expect(missing.err).toContain(`ERROR: (ResourceNotFound) The Resource 'Microsoft.Network/loadBalancers/nope' under resource group '${RG}' was not found.`);
    expect(sh(env, 'az network public-ip list -g nope').err).toContain("ERROR: (ResourceGroupNotFound) Resource group 'nope' could not be found.");
    expect(sh(env, `az network nsg rule list -g ${RG} --nsg-name other-nsg`).err).toContain(`(ResourceNotFound) The Resource 'Microsoft.Network/networkSecurityGroups/other-nsg' under resource group '${RG}' was not found.`);

    // Deleting the Service removes its frontend, rule, probe, IP and NSG rule.
    sh(env, 'kubectl delete svc web');
    sh(env, 'sleep 5s');
    const after = JSON.parse(sh(env, `az network lb show -g ${RG} -n kubernetes`).out);
    expect(after.loadBalancingRules).toEqual([]);
    expect(after.frontendIPConfigurations).toHaveLength(1);
    expect(sh(env, `az network public-ip list -g ${RG} -o tsv`).out).not.toContain(ip);
    expect(JSON.parse(sh(env, `az network nsg rule list -g ${RG} --nsg-name ${nsgName}`).out)).toEqual([]);
  });
});
