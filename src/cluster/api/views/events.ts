/**
 * events.k8s.io/v1 Event is served over the same stored objects as core/v1
 * Event (/registry/events), converted field by field as upstream's
 * conversion does: regarding ↔ involvedObject, note ↔ message,
 * reportingController ↔ reportingComponent, deprecated* ↔ source/timestamps/count.
 */
import type { KObject } from '../types.js';
import type { ResourceView } from '../resource.js';
import type { FieldError } from '../status.js';

const RENAMES: [string, string][] = [
  ['regarding', 'involvedObject'],
  ['note', 'message'],
  ['reportingController', 'reportingComponent'],
  ['deprecatedSource', 'source'],
  ['deprecatedFirstTimestamp', 'firstTimestamp'],
  ['deprecatedLastTimestamp', 'lastTimestamp'],
  ['deprecatedCount', 'count'],
];

function rename(o: KObject, pairs: [string, string][], apiVersion: string): KObject {
  const out: KObject = { ...o, apiVersion, kind: 'Event' };
  for (const [from, to] of pairs) {
    delete out[from];
    if (o[from] !== undefined && o[from] !== null) out[to] = o[from];
  }
  return out;
}

export const eventsView: ResourceView = {
  group: '',
  plural: 'events',
  fromStorage: (o) => rename(o, RENAMES.map(([a, b]) => [b, a]), 'events.k8s.io/v1'),
  toStorage: (o) => rename(o, RENAMES, 'v1'),
  validateCreate(o) {
    const errs: FieldError[] = [];
    for (const f of ['eventTime', 'reportingController', 'reportingInstance', 'action', 'reason']) if (!o[f]) errs.push({ type: 'Required', field: f });
    if (o.type !== undefined && o.type !== 'Normal' && o.type !== 'Warning') errs.push({ type: 'Invalid', field: 'type', value: o.type, detail: 'has invalid value: ' + String(o.type) });
    if (typeof o.note === 'string' && o.note.length > 1024) errs.push({ type: 'TooLong', field: 'note', detail: 'may not be more than 1024 bytes' });
    return errs;
  },
};
