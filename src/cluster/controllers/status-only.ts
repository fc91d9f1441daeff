/** Does an update change nothing but status (a controller's own status write, which its sync doesn't read back)? */
import type { KObject } from '../api/types.js';
import { deepEqual } from '../api/paths.js';

function withoutStatus(o: KObject): KObject {
  return { ...o, status: undefined, metadata: { ...o.metadata, resourceVersion: undefined, managedFields: undefined } } as KObject;
}

export function onlyStatusChanged(old: KObject | undefined, cur: KObject): boolean {
  return !!old && deepEqual(withoutStatus(old), withoutStatus(cur));
}
