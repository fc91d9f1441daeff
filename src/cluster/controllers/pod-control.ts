/**
 * Creating and deleting a controller's pods through the API, with the events
 * upstream's RealPodControl records on the owner (SuccessfulCreate,
 * FailedCreate, SuccessfulDelete, FailedDelete), and slow-start batches.
 */
import type { Pod, PodTemplateSpec } from 'kubernetes-types/core/v1.js';
import type { OwnerReference } from 'kubernetes-types/meta/v1.js';
import type { Client } from '../api/client.js';
import type { KObject } from '../api/types.js';
import type { EventRecorder } from '../runtime/events.js';
import { clone } from '../api/paths.js';

/** GetPodFromTemplate: labels, annotations, finalizers and spec of the template; generateName `<owner>-`. */
export function podFromTemplate(template: PodTemplateSpec | undefined, ns: string, ref: OwnerReference, generateName: string): Pod {
  const t = clone(template ?? {});
  const meta = t.metadata ?? {};
  const pod: Pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      namespace: ns,
      generateName,
      ...(meta.labels ? { labels: meta.labels } : {}),
      ...(meta.annotations ? { annotations: meta.annotations } : {}),
      ...(meta.finalizers ? { finalizers: meta.finalizers } : {}),
      ownerReferences: [ref],
    },
    spec: t.spec ?? { containers: [] },
  };
  return pod;
}

export class PodControl {
  constructor(
    private readonly client: Client,
    private readonly events: EventRecorder,
  ) {}

  /** The created pod, or the API's error message. */
  create(owner: KObject, pod: Pod): Pod | string {
    const r = this.client.create<Pod>('pods', owner.metadata?.namespace, pod);
    if (!r.ok) {
      this.events.event(owner, 'Warning', 'FailedCreate', `Error creating: ${r.status.message}`);
      return r.status.message;
    }
    this.events.event(owner, 'Normal', 'SuccessfulCreate', `Created pod: ${r.object.metadata?.name}`);
    return r.object;
  }

  delete(owner: KObject, pod: Pod): boolean {
    const r = this.client.delete('pods', pod.metadata?.namespace, pod.metadata!.name!, { preconditions: { uid: pod.metadata?.uid } });
    if (!r.ok) {
      if (r.status.reason === 'NotFound') return true;
      this.events.event(owner, 'Warning', 'FailedDelete', `Error deleting: ${r.status.message}`);
      return false;
    }
    this.events.event(owner, 'Normal', 'SuccessfulDelete', `Deleted pod: ${pod.metadata?.name}`);
    return true;
  }
}

/**
 * Run `fn` `count` times in batches of 1, 2, 4, ... stopping after the first
 * batch with a failure (a bad template doesn't flood the API). Returns successes.
 */
export function slowStartBatch(count: number, initial: number, fn: () => boolean): number {
  let done = 0;
  let batch = Math.min(count, initial);
  while (batch > 0) {
    let ok = 0;
    for (let i = 0; i < batch; i++) if (fn()) ok++;
    done += ok;
    if (ok < batch) break;
    batch = Math.min(2 * batch, count - done);
  }
  return done;
}
