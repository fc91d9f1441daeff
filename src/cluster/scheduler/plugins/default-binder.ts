/** DefaultBinder: binds through the API's pods/binding subresource, as the scheduler's own user. */
import type { Client } from '../../api/client.js';
import type { ApiResult, KObject } from '../../api/types.js';

export const name = 'DefaultBinder';

export function bind(client: Client, namespace: string, pod: string, node: string): ApiResult<KObject> {
  return client.subresource('create', 'pods', namespace, pod, 'binding', {
    apiVersion: 'v1',
    kind: 'Binding',
    metadata: { name: pod, namespace },
    target: { apiVersion: 'v1', kind: 'Node', name: node },
  });
}
