/**
 * `pods/exec` and `pods/attach` over WebSocket with the v5.channel.k8s.io
 * subprotocol: channel-prefixed binary frames (0 stdin, 1 stdout, 2 stderr,
 * 3 status, 4 resize, 255 close). Commands run in the image catalogue's
 * simulated runtime through the node's kubelet; `-it sh` gets a small
 * line-by-line shell.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Cluster } from '../cluster/cluster.js';
import type { Route } from './route.js';

const PROTOCOLS = ['v5.channel.k8s.io', 'v4.channel.k8s.io'];
const SHELLS = new Set(['sh', '/bin/sh', 'bash', '/bin/bash', 'ash', '/bin/ash']);

export class ExecServer {
  private readonly wss = new WebSocketServer({
    noServer: true,
    handleProtocols: (protocols) => PROTOCOLS.find((p) => protocols.has(p)) ?? false,
  });

  /** Returns false when the upgrade can't be ours (then the caller answers with a Status). */
  upgrade(cluster: Cluster, route: Extract<Route, { kind: 'resource' }>, token: string, req: IncomingMessage, socket: Duplex, head: Buffer, query: URLSearchParams, settle: () => void): void {
    const command = query.getAll('command');
    const params: Record<string, string> = {};
    for (const [k, v] of query) if (k !== 'command') params[k] = v;
    const tty = query.get('tty') === 'true';
    const wantStdin = query.get('stdin') === 'true';
    const isAttach = route.subresource === 'attach';
    // Authorize before upgrading, as the API server does (the command itself is traced when it runs).
    const refuse = (code: number, reason: string, message: string) => {
      const body = JSON.stringify({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code });
      socket.end(`HTTP/1.1 ${code} ${reason}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
    };
    const user = cluster.api.userForToken(token);
    if (!user) return refuse(401, 'Unauthorized', 'Unauthorized');
    const attrs = { user, verb: 'create', group: '', resource: 'pods', subresource: route.subresource, namespace: route.namespace, name: route.name };
    if (!cluster.api.authorize(attrs)) {
      return refuse(403, 'Forbidden', `pods "${route.name}" is forbidden: User "${user.username}" cannot create resource "pods/${route.subresource}" in API group "" in the namespace "${route.namespace}"`);
    }
    if (!cluster.store.get(`/registry/pods/${route.namespace}/${route.name}`)) return refuse(404, 'NotFound', `pods "${route.name}" not found`);
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      const send = (channel: number, text: string) => {
        if (ws.readyState === ws.OPEN) ws.send(Buffer.concat([Buffer.from([channel]), Buffer.from(text, 'utf8')]));
      };
      const finish = (exitCode: number, message?: string) => {
        const st =
          exitCode === 0
            ? { metadata: {}, status: 'Success' }
            : {
                metadata: {},
                status: 'Failure',
                message: message ?? `command terminated with non-zero exit code: error executing command [${command.join(' ')}], exit code ${exitCode}`,
                reason: 'NonZeroExitCode',
                details: { causes: [{ reason: 'ExitCode', message: String(exitCode) }] },
              };
        send(3, JSON.stringify(st));
        ws.close(1000);
      };
      const run = (cmd: string[], stdin?: string) => {
        const r = cluster.api.request({ verb: 'create', group: '', resource: 'pods', subresource: 'exec', namespace: route.namespace, name: route.name, token, body: { command: cmd, stdin }, options: { params } });
        settle();
        if (!r.ok) return { stdout: '', stderr: `${r.status.message}\n`, exitCode: 1, error: r.status.message };
        const o = r.object as { stdout?: string; stderr?: string; exitCode?: number };
        return { stdout: o.stdout ?? '', stderr: o.stderr ?? '', exitCode: o.exitCode ?? 0, error: undefined };
      };
      if (isAttach || (tty && wantStdin && command.length === 1 && SHELLS.has(command[0]!))) {
        this.shell(ws, send, finish, (line) => run(['sh', '-c', line]), tty);
        return;
      }
      if (wantStdin) {
        let input = '';
        ws.on('message', (data: Buffer) => {
          if (data[0] === 0) input += data.subarray(1).toString('utf8');
          if (data[0] === 255 && data[1] === 0) {
            const r = run(command, input);
            if (r.error && r.exitCode !== 0 && !r.stdout) return finish(1, r.error);
            send(1, r.stdout);
            if (r.stderr) send(tty ? 1 : 2, r.stderr);
            finish(r.exitCode);
          }
        });
        return;
      }
      const r = run(command);
      if (r.error) {
        send(3, JSON.stringify({ metadata: {}, status: 'Failure', message: r.error, reason: 'InternalError', code: 500 }));
        ws.close(1000);
        return;
      }
      send(1, r.stdout);
      if (r.stderr) send(tty ? 1 : 2, r.stderr);
      finish(r.exitCode);
    });
  }

  private shell(ws: WebSocket, send: (c: number, t: string) => void, finish: (code: number) => void, run: (line: string) => { stdout: string; stderr: string; exitCode: number }, tty: boolean): void {
    const prompt = '/ # ';
    let buf = '';
    send(1, prompt);
    ws.on('message', (data: Buffer) => {
      if (data[0] === 255) return finish(0);
      if (data[0] !== 0) return;
      for (const ch of data.subarray(1).toString('utf8')) {
        if (ch === '\r' || ch === '\n') {
          if (tty) send(1, '\r\n');
          const line = buf.trim();
          buf = '';
          if (line === 'exit' || line.startsWith('exit ')) return finish(Number(line.split(/\s+/)[1] ?? 0) || 0);
          if (line) {
            const r = run(line);
            const out = (r.stdout + r.stderr).replace(/\n/g, tty ? '\r\n' : '\n');
            if (out) send(1, out);
          }
          send(1, prompt);
        } else if (ch === '\u0004') return finish(0);
        else if (ch === '\u007f') {
          if (buf.length > 0) {
            buf = buf.slice(0, -1);
            if (tty) send(1, '\b \b');
          }
        } else {
          buf += ch;
          if (tty) send(1, ch);
        }
      }
    });
  }

  close(): void {
    for (const c of this.wss.clients) c.terminate();
    this.wss.close();
  }
}
