/** Writing JSON and Status responses as kube-apiserver does. */
import type { ServerResponse } from 'node:http';
import type { Status } from '../cluster/api/types.js';

export function sendJson(res: ServerResponse, code: number, body: unknown, contentType = 'application/json', headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(code, { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(text), 'Cache-Control': 'no-cache, private', ...headers });
  res.end(text);
}

export function sendStatus(res: ServerResponse, s: Status, headers: Record<string, string> = {}): void {
  sendJson(res, s.code, s, 'application/json', headers);
}

export function status(code: number, reason: string, message: string): Status {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code };
}
