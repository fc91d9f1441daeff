/** `pods/log`: plain text; with follow=true the connection stays open and new lines are written as the clock moves. */
import type { ServerResponse } from 'node:http';
import type { ApiRequest } from '../cluster/api/request.js';
import type { HandlerContext } from './handler.js';
import { sendStatus } from './respond.js';

export function serveLogs(ctx: HandlerContext, req: ApiRequest, res: ServerResponse, follow: boolean): void {
  const api = ctx.cluster.api;
  const first = api.request(req);
  if (!first.ok) return sendStatus(res, first.status);
  const text = String((first.object as { text?: string }).text ?? '');
  res.writeHead(200, { 'Content-Type': 'text/plain', 'Transfer-Encoding': 'chunked', 'Cache-Control': 'no-cache, private' });
  res.write(text);
  if (!follow) {
    res.end();
    return;
  }
  // Follow: re-read the whole log (no tail) and write what is new.
  const params = { ...(req.options?.params ?? {}) };
  delete params.tailLines;
  delete params.follow;
  // One follow is one long request: later reads go to the node's kubelet directly (not traced again).
  const full = (): string | undefined => {
    const pod = ctx.cluster.store.get(`/registry/pods/${req.namespace}/${req.name}`)?.value as { spec?: { nodeName?: string } } | undefined;
    const conn = pod?.spec?.nodeName ? api.kubeletFor(pod.spec.nodeName) : undefined;
    const r = conn?.logs(req.namespace!, req.name!, params);
    return r?.ok ? r.text : undefined;
  };
  let seen = (full() ?? '').length;
  let closed = false;
  const stop = () => {
    if (closed) return;
    closed = true;
    unregister();
    res.end();
  };
  const poll = () => {
    if (closed) return;
    const all = full();
    if (all === undefined) return stop();
    if (all.length > seen) {
      res.write(all.slice(seen));
      seen = all.length;
    }
    const pod = ctx.cluster.store.get(`/registry/pods/${req.namespace}/${req.name}`)?.value as { status?: { phase?: string } } | undefined;
    if (!pod || pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed') stop();
  };
  const timer = setInterval(poll, 500);
  const unregister = ctx.register(() => {
    clearInterval(timer);
    stop();
  });
  res.on('close', () => {
    clearInterval(timer);
    stop();
  });
}
