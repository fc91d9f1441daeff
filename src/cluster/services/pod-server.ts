/**
 * What a pod answers on a port: whether something listens there (a running
 * container whose image serves that port, or that declares it), and the HTTP
 * response its image gives (nginx's welcome page, httpd's "It works!",
 * aks-helloworld's page, echo servers naming the pod).
 */
import type { Container, Pod } from 'kubernetes-types/core/v1.js';
import type { TlsInfo } from './ingress/tls.js';

export interface HttpResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** The certificate the server presented (HTTPS only). */
  tls?: TlsInfo;
}

interface ImageServer {
  ports: number[];
  respond(pod: Pod, c: Container, path: string, headers: Record<string, string>): HttpResponse;
}

const html = (title: string, body: string) => `<!DOCTYPE html>\n<html>\n<head>\n<title>${title}</title>\n</head>\n<body>\n${body}\n</body>\n</html>\n`;

function repoOf(image: string): string {
  const noDigest = image.split('@')[0]!;
  const last = noDigest.lastIndexOf(':');
  const repo = last > noDigest.lastIndexOf('/') ? noDigest.slice(0, last) : noDigest;
  return repo.replace(/^docker\.io\//, '').replace(/^library\//, '');
}

function argValue(c: Container, flag: string): string | undefined {
  for (const a of [...(c.command ?? []), ...(c.args ?? [])]) if (a.startsWith(`${flag}=`)) return a.slice(flag.length + 1);
  return undefined;
}

const SERVERS: Record<string, ImageServer> = {
  nginx: {
    ports: [80],
    respond: (_p, _c, path) =>
      path === '/' || path === '/index.html'
        ? { status: 200, headers: { Server: 'nginx/1.27.5', 'Content-Type': 'text/html' }, body: html('Welcome to nginx!', '<h1>Welcome to nginx!</h1>\n<p>If you see this page, the nginx web server is successfully installed and working.</p>') }
        : { status: 404, headers: { Server: 'nginx/1.27.5', 'Content-Type': 'text/html' }, body: html('404 Not Found', '<center><h1>404 Not Found</h1></center>\n<hr><center>nginx/1.27.5</center>') },
  },
  httpd: { ports: [80], respond: () => ({ status: 200, headers: { Server: 'Apache/2.4.63 (Unix)', 'Content-Type': 'text/html' }, body: '<html><body><h1>It works!</h1></body></html>\n' }) },
  'mcr.microsoft.com/azuredocs/aks-helloworld': {
    ports: [80],
    respond: (p, c) => {
      const title = (c.env ?? []).find((e) => e.name === 'TITLE')?.value ?? 'Welcome to Azure Kubernetes Service (AKS)';
      return { status: 200, headers: { 'Content-Type': 'text/html; charset=utf-8', Server: 'Werkzeug' }, body: html(title, `<h1>${title}</h1>\n<p>Served by pod ${p.metadata?.name} (${p.status?.podIP})</p>`) };
    },
  },
  'registry.k8s.io/echoserver': {
    ports: [8080],
    respond: (p, _c, path, headers) => ({
      status: 200,
      headers: { 'Content-Type': 'text/plain' },
      body: `Hostname: ${p.metadata?.name}\n\nPod Information:\n\tnode name:\t${p.spec?.nodeName}\n\tpod name:\t${p.metadata?.name}\n\tpod namespace:\t${p.metadata?.namespace}\n\tpod IP:\t${p.status?.podIP}\n\nRequest Information:\n\tmethod=GET\n\treal path=${path}\n\nRequest Headers:\n${Object.entries(headers).map(([k, v]) => `\t${k.toLowerCase()}=${v}`).join('\n')}\n`,
    }),
  },
  'hashicorp/http-echo': { ports: [5678], respond: (_p, c) => ({ status: 200, headers: { 'Content-Type': 'text/plain' }, body: `${argValue(c, '-text') ?? 'hello-world'}\n` }) },
  'registry.k8s.io/e2e-test-images/agnhost': {
    ports: [8080, 9376],
    respond: (p, _c, path) => ({ status: path === '/' || path === '/hostname' ? 200 : 404, headers: { 'Content-Type': 'text/plain' }, body: path === '/hostname' || path === '/' ? `${p.metadata?.name}` : '404 page not found\n' }),
  },
};

function containerRunning(pod: Pod, name: string): boolean {
  const st = (pod.status?.containerStatuses ?? []).find((s) => s.name === name);
  return !!st?.state?.running;
}

/** The container serving `port` on this pod, if any. */
export function serverFor(pod: Pod, port: number): { container: Container; server: ImageServer | undefined } | undefined {
  if (pod.status?.phase !== 'Running') return undefined;
  for (const c of pod.spec?.containers ?? []) {
    if (!containerRunning(pod, c.name)) continue;
    const server = SERVERS[repoOf(c.image ?? '')];
    if (server?.ports.includes(port)) return { container: c, server };
  }
  // A declared containerPort with an image kubedojo doesn't know the page of: it answers 200 with no body.
  for (const c of pod.spec?.containers ?? []) if (containerRunning(pod, c.name) && (c.ports ?? []).some((p) => p.containerPort === port)) return { container: c, server: undefined };
  return undefined;
}

export function respond(pod: Pod, port: number, path: string, headers: Record<string, string>): HttpResponse | undefined {
  const s = serverFor(pod, port);
  if (!s) return undefined;
  if (!s.server) return { status: 200, headers: {}, body: '' };
  return s.server.respond(pod, s.container, path, headers);
}
