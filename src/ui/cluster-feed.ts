/**
 * The UI's window on the cluster: stores the panes subscribe to (map
 * snapshot, trace stories, events). Changes in the cluster only mark the feed
 * dirty; `publish()` — called once per clock tick and after each command —
 * builds new snapshots, so there is at most one render per tick.
 */
import type { Event } from 'kubernetes-types/core/v1.js';
import type { Cluster } from '../cluster/cluster.js';
import type { World } from '../cluster/world.js';
import type { Session } from '../commands/session.js';
import { traceStory, type Story } from '../commands/trace-story.js';
import { ExternalStore } from './external-store.js';
import { buildSnapshot, EMPTY_SNAPSHOT, listStored, type ClusterSnapshot } from './cluster-snapshot.js';

export const TRACE_KEEP = 1000;
export const EVENTS_KEEP = 300;

export interface EventRow {
  key: string;
  last: number;
  type: string;
  reason: string;
  object: string;
  message: string;
  namespace: string;
}

export interface SessionInfo {
  context: string;
  cluster: string;
  namespace: string;
}

export interface TraceView {
  stories: readonly Story[];
  components: readonly string[];
}

export class ClusterFeed {
  readonly snapshot = new ExternalStore<ClusterSnapshot>(EMPTY_SNAPSHOT);
  readonly trace = new ExternalStore<TraceView>({ stories: [], components: [] });
  readonly events = new ExternalStore<readonly EventRow[]>([]);
  readonly now: ExternalStore<number>;
  readonly info = new ExternalStore<SessionInfo>({ context: '', cluster: '', namespace: 'default' });
  private dirty = true;
  private version = 0;
  private cluster: Cluster | undefined;
  private lastSeq = 0;
  private off: () => void;

  constructor(
    private world: World,
    private session: Session,
  ) {
    this.now = new ExternalStore(world.clock.now());
    this.off = world.onChange(() => {
      this.dirty = true;
    });
    this.publish();
  }

  dispose(): void {
    this.off();
  }

  /** Follow another world (a lesson's reset or undo rebuilt it); the stores stay, so panes keep their subscriptions. */
  rebind(world: World, session: Session): void {
    this.off();
    this.world = world;
    this.session = session;
    this.off = world.onChange(() => {
      this.dirty = true;
    });
    this.cluster = undefined;
    this.dirty = true;
    this.publish();
  }

  /** Build new snapshots if anything changed; notify subscribed panes. */
  publish(): void {
    this.now.set(this.world.clock.now());
    const ctx = this.session.context();
    const info = { context: ctx?.name ?? '(none)', cluster: ctx?.cluster ?? '(none)', namespace: this.session.namespace() };
    const old = this.info.getSnapshot();
    if (old.context !== info.context || old.cluster !== info.cluster || old.namespace !== info.namespace) this.info.set(info);
    const cluster = this.session.cluster();
    if (cluster !== this.cluster) {
      this.cluster = cluster;
      this.lastSeq = 0;
      this.dirty = true;
      this.trace.set({ stories: [], components: [] });
    }
    if (cluster) this.publishTrace(cluster);
    if (!this.dirty) return;
    this.dirty = false;
    if (!cluster) {
      this.snapshot.set(EMPTY_SNAPSHOT);
      this.events.set([]);
      return;
    }
    this.snapshot.set(buildSnapshot(cluster, ++this.version));
    this.events.set(eventRows(cluster));
  }

  private publishTrace(cluster: Cluster): void {
    if (cluster.trace.lastSeq === this.lastSeq) return;
    const fresh = cluster.trace.since(this.lastSeq);
    this.lastSeq = cluster.trace.lastSeq;
    const kindOf = (r: string, g: string) => cluster.registry.get(g, r)?.kind;
    const prev = this.trace.getSnapshot();
    const stories = [...prev.stories, ...fresh.map((e) => traceStory(e, kindOf))];
    const components = new Set(prev.components);
    for (const s of stories.slice(prev.stories.length)) components.add(s.component);
    this.trace.set({ stories: stories.length > TRACE_KEEP ? stories.slice(-TRACE_KEEP) : stories, components: [...components].sort() });
  }
}

function eventTime(e: Event): number {
  const t = e.lastTimestamp ?? e.eventTime ?? e.firstTimestamp ?? e.metadata?.creationTimestamp;
  return t ? Date.parse(String(t)) : 0;
}

export function eventRows(cluster: Cluster): EventRow[] {
  const evs = listStored<Event>(cluster, '', 'events');
  const rows = evs.map((e) => ({
    key: `${e.metadata?.namespace}/${e.metadata?.name}`,
    last: eventTime(e),
    type: e.type ?? 'Normal',
    reason: e.reason ?? '',
    object: `${(e.involvedObject.kind ?? '').toLowerCase()}/${e.involvedObject.name ?? ''}`,
    message: e.message ?? '',
    namespace: e.metadata?.namespace ?? 'default',
  }));
  rows.sort((a, b) => a.last - b.last || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return rows.length > EVENTS_KEEP ? rows.slice(-EVENTS_KEEP) : rows;
}
