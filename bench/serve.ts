/**
 * serve on loopback, measured with autocannon from another process:
 * GET one pod, LIST 1,000 pods as a Table, and 100 concurrent watches
 * receiving a 1,000-object change. Targets: ≥ 5,000 GET/s, p99 ≤ 10 ms.
 */
import { spawn } from 'node:child_process';
import { request } from 'node:https';
import { createInterface } from 'node:readline';
import autocannon from 'autocannon';

interface Info {
  url: string;
  token: string;
  ca: string;
}

function run(url: string, token: string, accept: string, seconds: number, connections: number) {
  return new Promise<autocannon.Result>((resolve, reject) => {
    autocannon({ url, connections, duration: seconds, headers: { Authorization: `Bearer ${token}`, Accept: accept }, tlsOptions: { rejectUnauthorized: false } } as autocannon.Options, (err: unknown, res: autocannon.Result) => (err ? reject(err as Error) : resolve(res)));
  });
}

export async function serveBench(): Promise<void> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/serve-child.ts'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout! });
  const it = lines[Symbol.asyncIterator]();
  const info = JSON.parse(String((await it.next()).value)) as Info;
  try {
    const get = await run(`${info.url}/api/v1/namespaces/default/pods/p-1`, info.token, 'application/json', 8, 10);
    console.log(`serve/get-pod: ${Math.round(get.requests.average).toLocaleString('en-US')} req/s, p99 ${get.latency.p99} ms (target ≥ 5,000 req/s, p99 ≤ 10 ms; ${(get.requests.average / 5000).toFixed(2)}x)`);
    const list = await run(`${info.url}/api/v1/namespaces/default/pods?limit=500`, info.token, 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json', 8, 4);
    console.log(`serve/list-500-pods-table: ${Math.round(list.requests.average).toLocaleString('en-US')} req/s, p99 ${list.latency.p99} ms`);
    const full = await run(`${info.url}/api/v1/namespaces/default/pods`, info.token, 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json', 8, 4);
    console.log(`serve/list-1000-pods-table: ${Math.round(full.requests.average).toLocaleString('en-US')} req/s, p99 ${full.latency.p99} ms`);
    // 100 watches, then a change to all 1,000 pods: time until every watcher has every event.
    const rv = await new Promise<string>((resolve) => {
      const r = request(`${info.url}/api/v1/namespaces/default/pods?limit=1`, { headers: { Authorization: `Bearer ${info.token}` }, rejectUnauthorized: false }, (res) => {
        let t = '';
        res.on('data', (c: Buffer) => (t += c.toString()));
        res.on('end', () => resolve((JSON.parse(t) as { metadata: { resourceVersion: string } }).metadata.resourceVersion));
      });
      r.end();
    });
    let remaining = 100;
    const allDone = new Promise<void>((resolve) => {
      for (let w = 0; w < 100; w++) {
        let events = 0;
        let buf = '';
        const r = request(`${info.url}/api/v1/namespaces/default/pods?watch=true&resourceVersion=${rv}`, { headers: { Authorization: `Bearer ${info.token}` }, rejectUnauthorized: false }, (res) => {
          res.on('data', (c: Buffer) => {
            buf += c.toString();
            let i;
            while ((i = buf.indexOf('\n')) >= 0) {
              buf = buf.slice(i + 1);
              if (++events === 1000) {
                r.destroy();
                if (--remaining === 0) resolve();
              }
            }
          });
        });
        r.on('error', () => {});
        r.end();
      }
    });
    await new Promise((r) => setTimeout(r, 1000));
    const t0 = performance.now();
    child.stdin!.write('rollout\n');
    await allDone;
    const ms = performance.now() - t0;
    console.log(`serve/watch-100x1000: 100 watchers received 1,000 events each in ${ms.toFixed(0)} ms (${Math.round(100_000 / (ms / 1000)).toLocaleString('en-US')} events/s)`);
  } finally {
    child.kill();
  }
}
