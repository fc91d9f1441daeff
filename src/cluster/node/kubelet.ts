/**
 * The kubelet of one machine, acting as `system:node:<name>` through the API
 * server: registers its Node, renews its Lease every 10 s, reports node
 * status (every 10 s when something changed, at least every 5 min), watches
 * the pods bound to it and runs them through the simulated container
 * runtime, and serves logs and exec. `stop()` is a node failure; `restart()`
 * brings the kubelet back.
 */
import type { Cluster } from '../cluster.js';
import type { Worker } from '../runtime/controller.js';
import { WorkQueue } from '../runtime/workqueue.js';
import { EventRecorder } from '../runtime/events.js';
import type { Client } from '../api/client.js';
import type { KObject, UserInfo } from '../api/types.js';
import type { NodeCondition } from 'kubernetes-types/core/v1.js';
import type { Random } from '../random.js';
import type { Machine } from './machine.js';
import { Backoff } from './backoff.js';
import { ImageStore } from './image-store.js';
import { ConfigReader, ConfigWatches } from './container-config.js';
import { newPodRt, type KPod, type NodeRuntime, type PodRt } from './pod-runtime.js';
import { syncPod } from './pod-worker.js';
import { leaseObject, nodeObject, nodeStatus, type NodeHealth } from './node-status.js';
import { microTime } from './formats.js';
import { kubeletConnection } from './kubelet-api.js';
import { aksPreloadedImages } from '../images/system.js';
import { checkMemory, PRESSURE_TRANSITION_MS, quantityMi } from './eviction.js';
import { volumeDataOf } from '../cloud/volume-data.js';
import { hostDisk } from './volumes/host-path.js';

export interface KubeletHandle {
  readonly machine: Machine;
  /** Stop heartbeating and running pods (a node failure); the Node object stays. */
  stop(): void;
  /** The kubelet comes back (after a reboot): re-registers, heartbeats, restarts its pods' containers. */
  restart(): void;
  readonly running: boolean;
  /** CPU (millicores) and memory (MiB) used by each running container at this instant. */
  usage(): { namespace: string; pod: string; container: string; cpuMilli: number; memoryMi: number }[];
}

const LEASE_KEY = '#lease';
const STATUS_KEY = '#status';
const STATUS_REPORT_MS = 5 * 60_000;

const hex = (rng: Random, n: number) => Array.from({ length: n }, () => '0123456789abcdef'[rng.int(16)]).join('');
const uuid = (rng: Random) => {
  const h = hex(rng, 32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20)}`;
};

export class Kubelet implements Worker, KubeletHandle {
  readonly name: string;
  running = false;
  private readonly client: Client;
  private readonly queue: WorkQueue;
  private readonly rng: Random;
  private readonly rt: NodeRuntime;
  private readonly pods = new Map<string, KPod>();
  private readonly rts = new Map<string, PodRt>();
  /** The pods' runtimes by key (the eviction manager's and usage()'s order), rebuilt when rts changes. */
  private sorted: PodRt[] | undefined;
  private memory?: { capacity: unknown; allocatable: unknown; capMi: number; systemMi: number };
  private readonly ids: { machineID: string; systemUUID: string; bootID: string };
  private lastStatusPost = -Infinity;
  private lastPressureAt = -Infinity;
  private lastReported = '';
  private nodeUid: string | undefined;
  private prevConditions: NodeCondition[] | undefined;
  private cancelWatch?: () => void;
  private readonly watches: ConfigWatches;
  private disconnect?: () => void;

  constructor(
    private readonly cluster: Cluster,
    readonly machine: Machine,
  ) {
    this.name = `kubelet/${machine.name}`;
    const user: UserInfo = { username: `system:node:${machine.name}`, groups: ['system:nodes', 'system:authenticated'] };
    this.client = cluster.client(user);
    this.queue = new WorkQueue(cluster.clock, this.name);
    this.rng = cluster.rng.fork(this.name);
    this.ids = machine.ids ?? { machineID: hex(this.rng, 32), systemUUID: uuid(this.rng), bootID: uuid(this.rng) };
    const images = new ImageStore(this.rng.fork('images'), machine.pullBytesPerSecond ?? 30_000_000);
    // An AKS node image ships the kube-system images; a machine may list its own.
    images.preload(machine.preloadedImages ?? aksPreloadedImages(machine.nodeInfo.kubeletVersion));
    const watches = (this.watches = new ConfigWatches(this.client));
    const minor = Number(/^v?\d+\.(\d+)/.exec(machine.nodeInfo.kubeletVersion)?.[1] ?? 35);
    this.rt = {
      nodeName: machine.name,
      machine,
      client: this.client,
      events: new EventRecorder(this.client, cluster.clock, 'kubelet', machine.name),
      images,
      crash: new Backoff(10_000, 300_000),
      pulls: new Backoff(10_000, 300_000),
      volumes: new Backoff(500, 122_000),
      config: () => new ConfigReader(this.client, watches),
      volumeHost: {
        client: this.client,
        nodeName: machine.name,
        data: volumeDataOf(cluster),
        disk: hostDisk(machine),
        cfg: () => new ConfigReader(this.client, watches),
        allocatable: { cpu: machine.allocatable.cpu, memory: machine.allocatable.memory },
      },
      newId: () => hex(this.rng, 64),
      minor,
    };
  }

  start(): void {
    this.running = true;
    this.register();
    this.renewLease();
    this.queue.addAfter(LEASE_KEY, 10_000);
    this.queue.addAfter(STATUS_KEY, 10_000);
    const w = this.client.watch('pods', undefined, (e) => {
      const pod = e.object as KPod;
      const key = `${pod.metadata?.namespace}/${pod.metadata?.name}`;
      if (e.type === 'DELETED') this.pods.delete(key);
      else if (e.type === 'ADDED' || e.type === 'MODIFIED') this.pods.set(key, pod);
      else return;
      this.queue.add(key);
    }, { fieldSelector: `spec.nodeName=${this.machine.name}` });
    if (w.ok) this.cancelWatch = w.cancel;
    // Pods waiting for a claim to bind or a disk to attach look again when those change.
    const wakeWaiting = () => {
      for (const [key, p] of this.rts) if (p.volumesReadyAt === undefined && p.volumes) this.queue.add(key);
    };
    const cancels: (() => void)[] = [];
    for (const res of ['persistentvolumeclaims', 'persistentvolumes', 'volumeattachments.storage.k8s.io']) {
      const vw = this.client.watch(res, undefined, wakeWaiting);
      if (vw.ok) cancels.push(vw.cancel);
    }
    const podCancel = this.cancelWatch;
    this.cancelWatch = () => {
      podCancel?.();
      for (const c of cancels) c();
    };
    this.disconnect = this.cluster.api.connectKubelet(this.machine.name, kubeletConnection({
      pod: (ns, name) => this.rts.get(`${ns}/${name}`),
      now: () => this.cluster.clock.now(),
      down: () => !this.running,
      nodeIP: this.machine.internalIP,
      newId: () => hex(this.rng, 64),
    }));
    this.cluster.addWorker(this);
  }

  stop(): void {
    if (!this.running) return;
    this.running = false;
    const now = this.cluster.clock.now();
    for (const p of this.rts.values()) for (const c of [...p.init, ...p.containers]) c.proc?.kill(now, 255, 'Unknown');
  }

  restart(): void {
    if (this.running) return;
    this.running = true;
    this.wake?.();
    this.lastReported = '';
    this.postStatus(true);
    this.renewLease();
    for (const key of [...this.pods.keys(), ...this.rts.keys()].sort()) this.queue.add(key);
  }

  /** Remove the kubelet entirely (the VM was deleted). */
  shutdown(): void {
    this.stop();
    this.cancelWatch?.();
    this.watches.stop();
    this.disconnect?.();
    this.cluster.removeWorker(this);
  }

  hasWork(): boolean {
    return this.running && this.queue.length > 0;
  }

  private wake: (() => void) | undefined;

  bindWake(wake: () => void): void {
    this.wake = wake;
    this.queue.onAdd = wake;
  }

  work(): void {
    const key = this.queue.pop();
    if (key === undefined) return;
    if (key === LEASE_KEY) {
      this.renewLease();
      this.queue.addAfter(LEASE_KEY, 10_000);
      return;
    }
    if (key === STATUS_KEY) {
      this.checkPressure();
      this.postStatus(false);
      this.queue.addAfter(STATUS_KEY, 10_000);
      return;
    }
    this.syncPodKey(key);
  }

  private syncPodKey(key: string): void {
    const now = this.cluster.clock.now();
    const pod = this.pods.get(key);
    let p = this.rts.get(key);
    if (p && pod && pod.metadata?.uid !== p.uid) {
      syncPod(this.rt, p, undefined, now);
      this.forgetRt(key);
      p = undefined;
    }
    if (!p) {
      if (!pod) return;
      p = newPodRt(pod, now);
      this.rts.set(key, p);
      this.sorted = undefined;
    }
    const r = syncPod(this.rt, p, pod, now);
    if (r.forget) {
      this.forgetRt(key);
      return;
    }
    if (r.wakeAt <= now) this.queue.add(key);
    else if (r.wakeAt < Infinity) this.queue.addAfter(key, r.wakeAt - now);
  }

  private forgetRt(key: string): void {
    if (this.rts.delete(key)) this.sorted = undefined;
  }

  private sortedRts(): PodRt[] {
    return (this.sorted ??= [...this.rts.values()].sort((a, b) => (a.key < b.key ? -1 : 1)));
  }

  private health(): NodeHealth {
    const memoryPressure = this.cluster.clock.now() - this.lastPressureAt < PRESSURE_TRANSITION_MS;
    return { memoryPressure, diskPressure: false, pidPressure: false, ready: true };
  }

  /** The eviction manager's pass: measure memory, fail one pod when under the hard threshold. */
  private checkPressure(): void {
    const now = this.cluster.clock.now();
    const { capacity, allocatable } = this.machine;
    let m = this.memory;
    if (!m || m.capacity !== capacity.memory || m.allocatable !== allocatable.memory) {
      const capMi = quantityMi(capacity.memory);
      m = this.memory = { capacity: capacity.memory, allocatable: allocatable.memory, capMi, systemMi: Math.max(0, (capMi - quantityMi(allocatable.memory)) * 0.5) };
    }
    const pods = this.sortedRts();
    const res = checkMemory(
      m.capMi,
      m.systemMi,
      pods,
      (p) =>
        p.containers.filter((c) => c.phase === 'running' && c.proc).map((c, i) => {
          c.proc!.advance(now);
          return { c: c.spec, usageMi: c.proc!.memoryAt(now) + (i === 0 ? tmpfsMi(p, now) : 0) };
        }),
      (p) => {
        let sum = 0;
        let first = true;
        for (const c of p.containers) {
          if (c.phase !== 'running' || !c.proc) continue;
          c.proc.advance(now);
          sum += c.proc.memoryAt(now) + (first ? tmpfsMi(p, now) : 0);
          first = false;
        }
        return sum;
      },
    );
    if (res.underPressure) {
      this.lastPressureAt = now;
      const victim = res.victim;
      if (!victim || !res.message) return;
      const nodeRef = { apiVersion: 'v1', kind: 'Node', metadata: { name: this.machine.name, uid: this.machine.name } };
      this.rt.events.event(nodeRef, 'Warning', 'EvictionThresholdMet', 'Attempting to reclaim memory');
      this.evict(victim, res.message, now);
      return;
    }
    // Local storage: an emptyDir past its sizeLimit gets its pod evicted.
    for (const p of pods) {
      if (p.evicted || p.terminating) continue;
      const msg = p.volumes?.overLimit(now);
      if (msg) this.evict(p, msg, now);
    }
  }

  private evict(victim: PodRt, message: string, now: number): void {
    this.rt.events.event(victim.pod, 'Warning', 'Evicted', message);
    victim.evicted = { message, at: now };
    for (const c of [...victim.init, ...victim.containers]) c.proc?.kill(now);
    this.syncPodKey(victim.key);
  }

  private register(): void {
    const now = this.cluster.clock.now();
    const node = nodeObject(this.machine, this.ids, this.health(), this.rt.images.list(), now);
    const r = this.client.create<KObject>('nodes', undefined, node);
    if (r.ok) {
      this.nodeUid = r.object.metadata?.uid;
      this.prevConditions = (r.object.status as { conditions?: NodeCondition[] } | undefined)?.conditions;
      this.lastStatusPost = now;
      this.lastReported = this.reportKey();
    } else {
      const cur = this.client.get<KObject>('nodes', undefined, this.machine.name);
      if (cur.ok) this.nodeUid = cur.object.metadata?.uid;
      this.postStatus(true);
    }
  }

  private reportKey(): string {
    return JSON.stringify([this.health(), this.rt.images.version, this.volumesInUse()]);
  }

  /** Attachable volumes the pods on this node need (node.status.volumesInUse), sorted. */
  volumesInUse(): string[] {
    const set = new Set<string>();
    for (const p of this.rts.values()) for (const n of p.volumes?.inUse() ?? []) set.add(n);
    return [...set].sort();
  }

  private postStatus(force: boolean): void {
    const now = this.cluster.clock.now();
    const key = this.reportKey();
    if (!force && key === this.lastReported && now - this.lastStatusPost < STATUS_REPORT_MS) return;
    const status: Record<string, unknown> = { ...nodeStatus(this.machine, this.ids, this.health(), this.rt.images.list(), now, this.prevConditions) };
    const inUse = this.volumesInUse();
    status.volumesInUse = inUse.length ? inUse : null;
    const r = this.client.patch<KObject>('nodes', undefined, this.machine.name, { status }, 'merge', 'status');
    if (r.ok) {
      this.prevConditions = (r.object.status as { conditions?: NodeCondition[] } | undefined)?.conditions;
      this.lastStatusPost = now;
      this.lastReported = key;
    }
  }

  private renewLease(): void {
    const now = this.cluster.clock.now();
    const name = this.machine.name;
    const r = this.client.patch('leases.coordination.k8s.io', 'kube-node-lease', name, { spec: { holderIdentity: name, leaseDurationSeconds: 40, renewTime: microTime(now) } });
    if (!r.ok && r.status.reason === 'NotFound') this.client.create('leases.coordination.k8s.io', 'kube-node-lease', leaseObject(this.machine, this.nodeUid, now));
  }

  usage(): { namespace: string; pod: string; container: string; cpuMilli: number; memoryMi: number }[] {
    const now = this.cluster.clock.now();
    const out: { namespace: string; pod: string; container: string; cpuMilli: number; memoryMi: number }[] = [];
    if (!this.running) return out;
    for (const p of this.sortedRts()) {
      let namespace: string | undefined;
      let pod = '';
      let first = true;
      for (const list of [p.init, p.containers]) {
        for (const c of list) {
          if (c.phase !== 'running' || !c.proc) continue;
          c.proc.advance(now);
          let memoryMi = c.proc.memoryAt(now);
          const cpuMilli = c.proc.cpuAt(now);
          // Files in a memory-backed emptyDir are charged to the pod's memory (here: its first running container).
          if (first) memoryMi += tmpfsMi(p, now);
          first = false;
          if (namespace === undefined) {
            const i = p.key.indexOf('/');
            namespace = p.key.slice(0, i);
            pod = p.key.slice(i + 1);
          }
          out.push({ namespace, pod, container: c.name, memoryMi, cpuMilli });
        }
      }
    }
    return out;
  }
}

/** MiB held by the pod's memory-backed emptyDirs at t. */
function tmpfsMi(p: PodRt, t: number): number {
  return (p.volumes?.memoryBytes(t) ?? 0) / 1048576;
}

const kubelets = new WeakMap<Cluster, Map<string, Kubelet>>();

/** Start the kubelet of a machine (the AKS layer calls this for each VM; tests use makeMachine). */
export function startKubelet(cluster: Cluster, machine: Machine): KubeletHandle {
  const k = new Kubelet(cluster, machine);
  let m = kubelets.get(cluster);
  if (!m) kubelets.set(cluster, (m = new Map()));
  m.get(machine.name)?.shutdown();
  m.set(machine.name, k);
  k.start();
  return k;
}

/** The kubelets of a cluster by node name (metrics-server and autoscalers read usage through them). */
export function kubeletsOf(cluster: Cluster): ReadonlyMap<string, KubeletHandle> {
  return kubelets.get(cluster) ?? new Map();
}
