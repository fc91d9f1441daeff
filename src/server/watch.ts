/**
 * Watch streams: one JSON event per line, held open, as tables when kubectl
 * asked for them (`get -w`), ending at timeoutSeconds or when the client goes.
 */
import type { ServerResponse } from 'node:http';
import type { ApiServer, WatchEvent } from '../cluster/api/server.js';
import type { ApiRequest } from '../cluster/api/request.js';
import { sendStatus } from './respond.js';

export interface WatchOptions {
  asTable: boolean;
  timeoutSeconds?: number;
  bookmarks: boolean;
  /** Called for every open stream when the server stops. */
  register(close: () => void): () => void;
}

export function serveWatch(api: ApiServer, req: ApiRequest, res: ServerResponse, o: WatchOptions): void {
  const def = api.registry.get(req.group, req.resource);
  let headerSent = false;
  let closed = false;
  const pending: WatchEvent[] = [];
  const write = (e: WatchEvent) => {
    if (closed) return;
    let object = e.object;
    if (o.asTable && def && e.type !== 'BOOKMARK') {
      const t = api.table(def, [e.object], req);
      if (headerSent) t.columnDefinitions = [];
      headerSent = true;
      object = t as unknown as typeof object;
    }
    res.write(`${JSON.stringify({ type: e.type, object })}\n`);
  };
  const w = api.watch(req, (e) => (res.headersSent ? write(e) : pending.push(e)));
  if (!w.ok) {
    sendStatus(res, w.status);
    return;
  }
  res.writeHead(200, { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked', 'Cache-Control': 'no-cache, private' });
  // Send the headers now: a client may wait for them before it acts (client-node's watch resolves on them).
  res.flushHeaders();
  for (const e of pending.splice(0)) write(e);
  const timers: NodeJS.Timeout[] = [];
  const finish = () => {
    if (closed) return;
    closed = true;
    w.cancel();
    for (const t of timers) clearTimeout(t);
    unregister();
    res.end();
  };
  const unregister = o.register(finish);
  if (o.timeoutSeconds && o.timeoutSeconds > 0) timers.push(setTimeout(finish, o.timeoutSeconds * 1000));
  if (o.bookmarks && def) {
    const tick = () => {
      if (closed) return;
      write({ type: 'BOOKMARK', object: { kind: def.kind, apiVersion: def.group ? `${def.group}/${def.version}` : def.version, metadata: { resourceVersion: String(api.store.revision) } } });
      timers.push(setTimeout(tick, 60_000));
    };
    timers.push(setTimeout(tick, 60_000));
  }
  res.on('close', finish);
}
