import { describe, expect, it } from 'vitest';
import { createEnvironment } from '../../src/commands/environment.js';
import { sh } from '../helpers.js';

const AZ = '-g myResourceGroup -n myAKSCluster';

describe('AKS application routing add-on', () => {
  it('enable installs managed NGINX with its LoadBalancer; the Ingress gets the address and traffic; disable removes it', () => {
    const env = createEnvironment({ seed: 1 });
    sh(env, 'kubectl create deployment web --image=nginx');
    sh(env, 'kubectl expose deployment web --port=80');
    expect(sh(env, 'kubectl create ingress web --class=webapprouting.kubernetes.azure.com --rule=shop.example.com/*=web:80').code).toBe(0);
    sh(env, 'sleep 20s');
    // No controller yet: no address, and nothing answers.
    expect(sh(env, 'kubectl get ingress web -o jsonpath={.status.loadBalancer}').out.trim()).toBe('{}');
    expect(sh(env, 'kubectl get ingressclass').err).toContain('No resources found');

    expect(sh(env, `az aks approuting enable ${AZ} -o none`).code).toBe(0);
    expect(sh(env, `az aks show ${AZ} --query ingressProfile.webAppRouting.enabled`).out.trim()).toBe('true');
    expect(sh(env, 'kubectl get ingressclass').out).toMatch(/webapprouting.kubernetes.azure.com\s+webapprouting.kubernetes.azure.com\/nginx\s+<none>/);
    expect(sh(env, 'kubectl get nginxingresscontrollers').out).toMatch(/default\s+webapprouting.kubernetes.azure.com\s+nginx/);
    expect(sh(env, 'kubectl get svc nginx -n app-routing-system').out).toMatch(/nginx\s+LoadBalancer\s+10\.0\.\d+\.\d+\s+<pending>\s+80:\d+\/TCP,443:\d+\/TCP/);
    sh(env, 'sleep 30s');
    const ip = sh(env, 'kubectl get svc nginx -n app-routing-system -o jsonpath={.status.loadBalancer.ingress[0].ip}').out.trim();
    expect(ip).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(sh(env, 'kubectl get ingress web').out).toMatch(new RegExp(`web\\s+webapprouting.kubernetes.azure.com\\s+shop.example.com\\s+${ip.replace(/\./g, '\\.')}\\s+80`));
    expect(sh(env, 'kubectl get pods -n app-routing-system').out).toMatch(/nginx-\w+-\w+\s+1\/1\s+Running/);
    expect(sh(env, 'kubectl describe ingress web').out).toMatch(/Normal\s+Sync\s+\S+\s+nginx-ingress-controller\s+Scheduled for sync/);

    const ok = sh(env, `curl -v http://${ip}/ -H 'Host: shop.example.com'`);
    expect(ok.out).toContain('Welcome to nginx!');
    expect(ok.err).toMatch(/Azure load balancer .* → .*pod app-routing-system\/nginx-/s);
    expect(ok.err).toContain('Ingress default/web server shop.example.com location / (Prefix) → service web:80');
    expect(sh(env, `curl -i http://${ip}/ -H 'Host: nobody.example.com'`).out).toContain('HTTP/1.1 404 Not Found');
    // From a pod, through the controller's ClusterIP.
    sh(env, 'kubectl run client --image=nginx');
    sh(env, 'sleep 15s');
    const inPod = sh(env, "kubectl exec client -- curl -s http://nginx.app-routing-system.svc.cluster.local/ -H 'Host: shop.example.com'");
    expect(inPod.out).toContain('Welcome to nginx!');
    // HTTPS from the pod: nginx's fake certificate is not trusted without -k.
    const strict = sh(env, "kubectl exec client -- curl https://nginx.app-routing-system.svc.cluster.local/ -H 'Host: shop.example.com'");
    expect(strict.err).toContain('curl: (60) SSL certificate problem: self-signed certificate');
    expect(sh(env, "kubectl exec client -- curl -k https://nginx.app-routing-system.svc.cluster.local/ -H 'Host: shop.example.com'").out).toContain('Welcome to nginx!');

    expect(sh(env, `az aks approuting disable ${AZ} --yes -o none`).code).toBe(0);
    sh(env, 'sleep 60s');
    expect(sh(env, 'kubectl get ingress web -o jsonpath={.status.loadBalancer}').out.trim()).toBe('{}');
    expect(sh(env, 'kubectl get ns app-routing-system').err).toContain('namespaces "app-routing-system" not found');
    expect(sh(env, `az aks show ${AZ} --query ingressProfile`).out.trim()).toBe('null');
    expect(sh(env, `curl http://${ip}/ -H 'Host: shop.example.com'`).code).not.toBe(0);
  });

  it('az aks create --enable-app-routing installs it once the cluster is up', () => {
    const env = createEnvironment({ seed: 3 });
    sh(env, 'az group create -n rg2 -l westeurope');
    expect(sh(env, 'az aks create -g rg2 -n c2 --node-count 1 --node-vm-size Standard_DS2_v2 --enable-app-routing -o none').code).toBe(0);
    expect(sh(env, 'az aks show -g rg2 -n c2 --query ingressProfile.webAppRouting.enabled').out.trim()).toBe('true');
    sh(env, 'az aks get-credentials -g rg2 -n c2');
    expect(sh(env, 'kubectl get ingressclass').out).toContain('webapprouting.kubernetes.azure.com');
    expect(sh(env, 'kubectl get deploy -n app-routing-system').out).toMatch(/^nginx\s/m);
  });
});
