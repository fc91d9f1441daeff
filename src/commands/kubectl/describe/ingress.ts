/**
 * `kubectl describe ingress` and `describe ingressclass` laid out as
 * kubectl's IngressDescriber (describeIngressV1): Address, Ingress Class,
 * Default backend, TLS, the Host/Path/Backends table where each service
 * backend shows its ready endpoints (or the error reading its Service).
 */
import type { KObject } from '../../../cluster/api/types.js';
import { annotationsMultiline, describeEvents, get, labelsMultiline } from './format.js';
import { PrefixWriter } from './writer.js';
import { sliceEndpoints } from './core.js';

type Ev = KObject[] | undefined;
type Backend = { service?: { name?: string; port?: { name?: string; number?: number } }; resource?: { apiGroup?: string; kind?: string; name?: string } };
/** What the describer reads for a backend Service: the Service (or the error getting it) and its EndpointSlices. */
export type BackendLookup = (service: string) => { service?: KObject; error?: string; slices: KObject[] };

function describeBackend(b: Backend, lookup: BackendLookup): string {
  if (b.service) {
    const port = b.service.port?.number ? String(b.service.port.number) : (b.service.port?.name ?? '');
    const sb = `${b.service.name ?? ''}:${port}`;
    const r = lookup(b.service.name ?? '');
    if (!r.service) return `${sb} (<error: ${r.error}>)`;
    let spName = '';
    for (const sp of ((get(r.service, 'spec', 'ports') ?? []) as { name?: string; port?: number }[])) {
      if (b.service.port?.number && b.service.port.number === sp.port) spName = sp.name ?? '';
      else if (b.service.port?.name && b.service.port.name === sp.name) spName = sp.name ?? '';
    }
    return `${sb} (${sliceEndpoints(r.slices, spName)})`;
  }
  if (b.resource) return `APIGroup: ${b.resource.apiGroup ?? '<none>'}, Kind: ${b.resource.kind ?? ''}, Name: ${b.resource.name ?? ''}`;
  return '';
}

export function describeIngress(ing: KObject, lookup: BackendLookup, events: Ev, now: number): string {
  const w = new PrefixWriter();
  const spec = (ing.spec ?? {}) as { ingressClassName?: string; defaultBackend?: Backend; tls?: { hosts?: string[]; secretName?: string }[]; rules?: { host?: string; http?: { paths?: { path?: string; backend: Backend }[] } }[] };
  w.write(0, `Name:\t${ing.metadata?.name ?? ''}\n`);
  labelsMultiline(w, 'Labels', ing.metadata?.labels);
  w.write(0, `Namespace:\t${ing.metadata?.namespace ?? ''}\n`);
  const lb = (get(ing, 'status', 'loadBalancer', 'ingress') ?? []) as { ip?: string; hostname?: string }[];
  w.write(0, `Address:\t${lb.map((i) => i.ip || i.hostname).join(',')}\n`);
  w.write(0, `Ingress Class:\t${spec.ingressClassName ?? '<none>'}\n`);
  const def = spec.defaultBackend ? describeBackend(spec.defaultBackend, lookup) : '<default>';
  w.write(0, `Default backend:\t${def}\n`);
  if ((spec.tls ?? []).length) {
    w.write(0, 'TLS:\n');
    for (const t of spec.tls!) w.write(1, t.secretName ? `${t.secretName} terminates ${(t.hosts ?? []).join(',')}\n` : `SNI routes ${(t.hosts ?? []).join(',')}\n`);
  }
  w.write(0, 'Rules:\n  Host\tPath\tBackends\n');
  w.write(1, '----\t----\t--------\n');
  let count = 0;
  for (const r of spec.rules ?? []) {
    if (!r.http) continue;
    count++;
    w.write(1, `${r.host || '*'}\t\n`);
    for (const p of r.http.paths ?? []) w.write(2, `\t${p.path ?? ''} \t${describeBackend(p.backend ?? {}, lookup)}\n`);
  }
  if (count === 0) w.write(1, `*\t*\t${def}\n`);
  annotationsMultiline(w, 'Annotations', ing.metadata?.annotations);
  describeEvents(w, events, now);
  return w.toString();
}

export function describeIngressClass(ic: KObject, events: Ev, now: number): string {
  const w = new PrefixWriter();
  const spec = (ic.spec ?? {}) as { controller?: string; parameters?: { apiGroup?: string; kind?: string; name?: string } };
  w.write(0, `Name:\t${ic.metadata?.name ?? ''}\n`);
  labelsMultiline(w, 'Labels', ic.metadata?.labels);
  annotationsMultiline(w, 'Annotations', ic.metadata?.annotations);
  w.write(0, `Controller:\t${spec.controller ?? ''}\n`);
  if (spec.parameters) {
    w.write(0, 'Parameters:\n');
    if (spec.parameters.apiGroup !== undefined) w.write(1, `APIGroup:\t${spec.parameters.apiGroup}\n`);
    w.write(1, `Kind:\t${spec.parameters.kind ?? ''}\n`);
    w.write(1, `Name:\t${spec.parameters.name ?? ''}\n`);
  }
  describeEvents(w, events, now);
  return w.toString();
}
