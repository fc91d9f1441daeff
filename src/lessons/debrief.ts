/** A debrief told from the control plane's own trace: which components did what during the step. */
import type { TraceEvent } from '../cluster/trace.js';

const READS = new Set(['get', 'list', 'watch']);

export function debriefFromTrace(events: TraceEvent[]): string[] {
  const counts = new Map<string, { component: string; text: string; n: number; names: Set<string> }>();
  for (const e of events) {
    if (e.type !== 'request' || e.code >= 400 || READS.has(e.verb) || e.dryRun) continue;
    if (e.resource === 'leases' || e.resource === 'events') continue;
    const what = e.subresource ? `${e.resource}/${e.subresource}` : e.resource;
    const verb = e.subresource === 'binding' ? 'bound' : e.subresource === 'status' ? 'updated status of' : past(e.verb);
    const noun = e.subresource === 'binding' ? 'pods' : e.subresource === 'status' ? e.resource : what;
    const key = `${e.component}|${verb}|${noun}`;
    const c = counts.get(key) ?? { component: e.component, text: `${verb} ${noun}`, n: 0, names: new Set<string>() };
    c.n++;
    if (e.name) c.names.add(e.name);
    counts.set(key, c);
  }
  const lines: string[] = [];
  for (const c of counts.values()) {
    const names = [...c.names];
    const who = c.component === 'kubectl' ? 'you (kubectl)' : c.component;
    const shown = names.length <= 3 ? names.join(', ') : `${names.slice(0, 2).join(', ')} and ${names.length - 2} more`;
    lines.push(`${who}: ${c.text}${names.length ? ` (${shown})` : ''}${c.n > names.length && names.length > 0 ? `, ${c.n} requests` : ''}`);
  }
  return lines;
}

function past(verb: string): string {
  switch (verb) {
    case 'create':
      return 'created';
    case 'update':
      return 'updated';
    case 'patch':
      return 'patched';
    case 'delete':
      return 'deleted';
    case 'deletecollection':
      return 'deleted';
    default:
      return verb;
  }
}
