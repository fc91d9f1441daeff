/**
 * Network tools inside pods — `curl`, `wget`, `nslookup`, `dig` — for
 * `kubectl exec <pod> -- curl http://web`. They run only where the image
 * ships the binary (busybox has wget and nslookup, curl images have curl),
 * resolve names with the pod's DNS settings, and route through kube-proxy,
 * so the trace shows each hop. Installed by wrapping each node's kubelet
 * connection: other commands go to the kubelet's runtime unchanged.
 */
import type { Pod } from 'kubernetes-types/core/v1.js';
import type { Cluster } from '../cluster.js';
import type { KubeletConnection } from '../api/server.js';
import { resolveImage } from '../images/catalogue.js';
import { request, podClient } from './traffic.js';
import { resolve, searchPath } from './dns.js';
import { networkOf } from './network-config.js';

const TOOLS = new Set(['curl', 'wget', 'nslookup', 'dig']);

type ExecResult = { ok: true; stdout: string; stderr: string; exitCode: number };

function imageHas(pod: Pod, container: string | undefined, bin: string): boolean {
  const c = (pod.spec?.containers ?? []).find((x) => !container || x.name === container) ?? pod.spec?.containers?.[0];
  const r = c?.image ? resolveImage(c.image) : undefined;
  return !!r?.ok && (r.image.spec.binaries ?? []).includes(bin);
}

export function runPodTool(cluster: Cluster, pod: Pod, argv: string[]): ExecResult {
  const [cmd, ...args] = argv as [string, ...string[]];
  const base = cmd.split('/').pop()!;
  if (base === 'nslookup' || base === 'dig') return lookup(cluster, pod, base, args);
  const flags = new Set(args.filter((a) => a.startsWith('-')));
  const url = args.find((a, i) => !a.startsWith('-') && !['-H', '-o', '-O', '--header', '-m', '--max-time', '-T'].includes(args[i - 1] ?? ''));
  if (!url) return base === 'curl' ? { ok: true, stdout: '', stderr: "curl: try 'curl --help' or 'curl --manual' for more information\n", exitCode: 2 } : { ok: true, stdout: '', stderr: 'BusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary.\n\nUsage: wget [-cqS] [-O FILE] URL...\n', exitCode: 1 };
  const headers: Record<string, string> = {};
  args.forEach((a, i) => {
    if ((a === '-H' || a === '--header') && args[i + 1]) {
      const h = args[i + 1]!;
      const k = h.indexOf(':');
      if (k > 0) headers[h.slice(0, k).trim()] = h.slice(k + 1).trim();
    }
  });
  const r = request(cluster, podClient(pod), url, headers);
  if (base === 'curl') {
    if (!r.ok) {
      const code = r.error === 'dns' || r.error === 'dns-timeout' ? 6 : r.error === 'timeout' || r.error === 'no-route' ? 28 : r.error === 'tls' ? 35 : 7;
      return { ok: true, stdout: '', stderr: flags.has('-s') && !flags.has('-S') ? '' : `curl: (${code}) ${r.message}\n`, exitCode: code };
    }
    const tls = r.response.tls;
    if (tls && !flags.has('-k') && !flags.has('--insecure')) {
      const why = tls.selfSigned ? 'SSL certificate problem: self-signed certificate' : 'SSL certificate problem: unable to get local issuer certificate';
      return { ok: true, stdout: '', stderr: flags.has('-s') && !flags.has('-S') ? '' : `curl: (60) ${why}\nMore details here: https://curl.se/docs/sslcerts.html\n`, exitCode: 60 };
    }
    const head = flags.has('-i') || flags.has('-I') ? `HTTP/1.1 ${r.response.status}\n${Object.entries(r.response.headers).map(([k, v]) => `${k}: ${v}`).join('\n')}\n\n` : '';
    // `-o FILE` (as in `-o /dev/null`): the body goes to the file, not to stdout.
    const body = flags.has('-I') || args.includes('-o') ? '' : r.response.body;
    return { ok: true, stdout: head + body, stderr: '', exitCode: r.response.status >= 400 && flags.has('-f') ? 22 : 0 };
  }
  // busybox wget
  const quiet = flags.has('-q') || args.includes('-qO-');
  const host = url.replace(/^https?:\/\//, '').split(/[/:]/)[0];
  if (!r.ok) {
    const msg = r.error === 'dns' || r.error === 'dns-timeout' ? `wget: bad address '${host}'` : r.error === 'refused' ? `wget: can't connect to remote host: Connection refused` : `wget: download timed out`;
    return { ok: true, stdout: '', stderr: `${quiet ? '' : `Connecting to ${url.replace(/^https?:\/\//, '')}\n`}${msg}\n`, exitCode: 1 };
  }
  if (r.response.status >= 400) return { ok: true, stdout: '', stderr: `${quiet ? '' : `Connecting to ${host}\n`}wget: server returned error: HTTP/1.1 ${r.response.status} Not Found\n`, exitCode: 1 };
  const toStdout = args.includes('-O-') || args.includes('-qO-') || (args.includes('-O') && args[args.indexOf('-O') + 1] === '-');
  return { ok: true, stdout: toStdout ? r.response.body : '', stderr: quiet ? '' : `Connecting to ${host} (${r.hops[0]?.match(/→ ([\d.]+)/)?.[1] ?? host})\n${toStdout ? 'writing to stdout\n' : "saving to 'index.html'\n"}`, exitCode: 0 };
}

function lookup(cluster: Cluster, pod: Pod, tool: string, args: string[]): ExecResult {
  const name = args.find((a) => !a.startsWith('-') && !a.startsWith('+'));
  const net = networkOf(cluster);
  if (!name) return { ok: true, stdout: '', stderr: tool === 'dig' ? '' : 'BusyBox v1.37.0 multi-call binary.\n\nUsage: nslookup [-type=QUERY_TYPE] [-debug] HOST [DNS_SERVER]\n', exitCode: 1 };
  const a = resolve(cluster, name, pod.metadata?.namespace ?? 'default');
  cluster.trace.note('coredns', `${pod.metadata?.name} asked for ${name}: ${a.kind === 'A' ? `${a.name} → ${a.ips.join(', ')}` : a.kind === 'CNAME' ? `${a.name} → CNAME ${a.target}` : a.kind}`);
  if (a.kind === 'TIMEOUT') return { ok: true, stdout: ';; connection timed out; no servers could be reached\n\n', stderr: '', exitCode: 1 };
  const server = `Server:\t\t${net.dnsServiceIP}\nAddress:\t${net.dnsServiceIP}:53\n\n`;
  if (a.kind === 'NXDOMAIN') {
    const tried = a.tried.map((t) => `** server can't find ${t}: NXDOMAIN\n`).join('\n');
    return { ok: true, stdout: `${server}${tried}\n`, stderr: '', exitCode: 1 };
  }
  if (a.kind === 'CNAME') return { ok: true, stdout: `${server}${a.name}\tcanonical name = ${a.target}\n\n** server can't find ${a.target}: NXDOMAIN\n\n`, stderr: '', exitCode: 1 };
  if (tool === 'dig') {
    return { ok: true, stdout: `;; ANSWER SECTION:\n${a.ips.map((ip) => `${a.name}.\t30\tIN\tA\t${ip}`).join('\n')}\n\n;; SERVER: ${net.dnsServiceIP}#53(${net.dnsServiceIP}) (UDP)\n`, stderr: '', exitCode: 0 };
  }
  return { ok: true, stdout: `${server}Name:\t${a.name}\n${a.ips.map((ip) => `Address: ${ip}`).join('\nName:\t' + a.name + '\n')}\n\n`, stderr: '', exitCode: 0 };
}

/** Route the network tools of exec requests to the simulated network; everything else to the kubelet. */
export function withPodTools(cluster: Cluster, conn: KubeletConnection): KubeletConnection {
  return {
    logs: (ns, name, params) => conn.logs(ns, name, params),
    exec(ns, name, params, command, stdin) {
      const pod = () => cluster.store.get(`/registry/pods/${ns}/${name}`)?.value as Pod | undefined;
      const tool = (argv: string[]) => {
        const base = (argv[0] ?? '').split('/').pop()!;
        if (!TOOLS.has(base)) return undefined;
        const p = pod();
        return p && p.status?.phase === 'Running' && imageHas(p, params.container, base) ? p : undefined;
      };
      const direct = tool(command);
      if (direct) return runPodTool(cluster, direct, command);
      // `sh -c "curl -s http://web | head -1"`: the shell runs in the container, the tools on the network.
      return conn.exec(ns, name, params, command, stdin, (argv) => {
        const p = tool(argv);
        return p ? () => runPodTool(cluster, p, argv) : undefined;
      });
    },
  };
}

export { searchPath };
