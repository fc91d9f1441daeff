/**
 * Following traffic from outside the pods: `curl <url>` from the internet (a
 * LoadBalancer's public IP, an ingress), `curl --from-node <node> <url>` from
 * inside the VNet (NodePorts, ClusterIPs), and `proxy-rules <node>` to read
 * what kube-proxy programmed there.
 */
import type { Command } from './types.js';
import { parseFlags } from './flags.js';
import { parseUrl, request } from '../cluster/services/traffic.js';
import { certificateLines, curlExitCode, reasonPhrase, tlsProblem } from './curl-output.js';
import { LOCALHOST, throughForward } from './port-forwards.js';
import { kubeProxyOf, rulesText } from '../cluster/services/kube-proxy.js';
import type { Node } from 'kubernetes-types/core/v1.js';

export const curl: Command = {
  name: 'curl',
  summary: 'Send an HTTP request from the internet (or a node, with --from-node) and see its path',
  run(ctx, args) {
    const p = parseFlags(args, [
      { name: 'from-node', type: 'string' },
      { name: 'header', short: 'H', type: 'strings' },
      { name: 'silent', short: 's', type: 'bool' },
      { name: 'include', short: 'i', type: 'bool' },
      { name: 'verbose', short: 'v', type: 'bool' },
      { name: 'max-time', short: 'm', type: 'string' },
      { name: 'insecure', short: 'k', type: 'bool' },
      { name: 'resolve', type: 'strings' },
    ]);
    if (!p.ok) {
      ctx.err(`curl: ${p.error}\ncurl: try 'curl --help' for more information`);
      return 2;
    }
    const url = p.args[0];
    if (!url) {
      ctx.err("curl: no URL specified\ncurl: try 'curl --help' for more information");
      return 2;
    }
    const cluster = ctx.session.cluster();
    if (!cluster) {
      ctx.err('curl: no cluster in the current context');
      return 1;
    }
    const headers: Record<string, string> = {};
    for (const h of (p.flags.header as string[] | undefined) ?? []) {
      const i = h.indexOf(':');
      if (i > 0) headers[h.slice(0, i).trim()] = h.slice(i + 1).trim();
    }
    const fromNode = p.flags['from-node'] as string | undefined;
    let client;
    if (fromNode) {
      const node = cluster.store.get(`/registry/minions/${fromNode}`)?.value as Node | undefined;
      if (!node) {
        ctx.err(`curl: no node named ${fromNode} (kubectl get nodes lists them)`);
        return 1;
      }
      client = { kind: 'node' as const, ip: node.status?.addresses?.find((a) => a.type === 'InternalIP')?.address ?? '', node: fromNode, namespace: 'default' };
    } else client = { kind: 'internet' as const, ip: '203.0.113.50', namespace: 'default' };
    const resolve: Record<string, string> = {};
    for (const e of (p.flags.resolve as string[] | undefined) ?? []) {
      const m = /^([^:]+):(\d+):(.+)$/.exec(e);
      if (m) resolve[`${m[1]}:${m[2]}`] = m[3]!;
    }
    const u = parseUrl(url);
    const fw = u && LOCALHOST.has(u.host) ? throughForward(ctx, u.port, u.path, headers) : undefined;
    if (u && LOCALHOST.has(u.host) && !fw) {
      ctx.err(`curl: (7) Failed to connect to ${u.host} port ${u.port} after 0 ms: Couldn't connect to server`);
      return 7;
    }
    if (fw && 'refused' in fw) {
      ctx.err(`curl: (${fw.refused.startsWith('Empty') ? 52 : 7}) ${fw.refused}`);
      return fw.refused.startsWith('Empty') ? 52 : 7;
    }
    const r = fw ? fw.result : request(cluster, client, url, headers, { resolve });
    if (p.flags.verbose) for (const h of r.hops) ctx.err(`* ${h}`);
    if (!r.ok) {
      const code = curlExitCode(r.error);
      ctx.err(`curl: (${code}) ${r.message}`);
      return code;
    }
    const tls = r.response.tls;
    if (tls) {
      const host = parseUrl(url)?.host ?? '';
      if (p.flags.verbose) ctx.err(certificateLines(tls, host, !!p.flags.insecure).join('\n'));
      const problem = tlsProblem(tls, host);
      if (problem && !p.flags.insecure) {
        ctx.err(`curl: (60) ${problem}\nMore details here: https://curl.se/docs/sslcerts.html\n\ncurl failed to verify the legitimacy of the server and therefore could not\nestablish a secure connection to it. To learn more about this situation and\nhow to fix it, please visit the web page mentioned above.`);
        return 60;
      }
    }
    if (p.flags.include) ctx.out(`HTTP/1.1 ${r.response.status} ${reasonPhrase(r.response.status)}\n${Object.entries(r.response.headers).map(([k, v]) => `${k}: ${v}`).join('\n')}\n`);
    ctx.out(r.response.body.replace(/\n$/, ''));
    return 0;
  },
};

export const proxyRules: Command = {
  name: 'proxy-rules',
  summary: "Print the rules kube-proxy programmed on a node (iptables-save style)",
  run(ctx, args) {
    const cluster = ctx.session.cluster();
    const proxy = cluster ? kubeProxyOf(cluster) : undefined;
    if (!cluster || !proxy) {
      ctx.err('proxy-rules: kube-proxy is not running in this cluster');
      return 1;
    }
    const node = args[0];
    const nodes = proxy.nodeNames();
    if (!node || !nodes.includes(node)) {
      ctx.err(`usage: proxy-rules <node>\nnodes: ${nodes.join(', ') || '(none)'}`);
      return 1;
    }
    ctx.out(`# kube-proxy (iptables mode) on ${node}, rules as last synced\n${rulesText(proxy.rules(), node)}`);
    return 0;
  },
};
