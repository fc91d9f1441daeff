/** The kubelet's in-memory view of one pod: its sandbox and containers as the runtime runs them. */
import type { Container, Pod } from 'kubernetes-types/core/v1.js';
import type { ResolvedImage } from '../images/catalogue.js';
import type { Backoff } from './backoff.js';
import type { ImageStore } from './image-store.js';
import type { Machine } from './machine.js';
import type { ContainerProcess } from './process.js';
import type { ProbeState } from './probes.js';
import type { Client } from '../api/client.js';
import type { KObject } from '../api/types.js';
import type { EventRecorder } from '../runtime/events.js';
import type { ConfigReader } from './container-config.js';
import type { PodVolumes, VolumeHost } from './volumes/pod-volumes.js';

/** A pod as read from the API. */
export type KPod = Pod & KObject;

export interface ContainerRt {
  name: string;
  spec: Container;
  init: boolean;
  /** An init container with restartPolicy Always (a native sidecar). */
  sidecar: boolean;
  fieldPath: string;
  phase: 'waiting' | 'pulling' | 'running' | 'exited';
  waiting: { reason: string; message?: string };
  image?: ResolvedImage;
  pull?: { requested: number; start: number; end: number; error?: string };
  proc?: ContainerProcess;
  prev?: ContainerProcess;
  containerID?: string;
  prevContainerID?: string;
  restartCount: number;
  probes: ProbeState[];
  ready: boolean;
  started: boolean;
  /** Exited and waiting out CrashLoopBackOff. */
  inBackoff?: boolean;
  /** The exit the status already shows (a restart waits until it has been reported). */
  exitReported?: number;
  /** The exit the BackOff event was sent for. */
  backoffEventFor?: number;
  /** The pull back-off window the ImagePullBackOff events were sent for. */
  pullBackoffEventFor?: number;
  /** Waiting before retrying a config error. */
  retryAt?: number;
}

export interface PodRt {
  uid: string;
  key: string;
  pod: KPod;
  startTime: number;
  volumesReadyAt?: number;
  volumeRetryAt?: number;
  /** The pod's volumes on this node (emptyDirs live and die with this). */
  volumes?: PodVolumes;
  /** The pod object's resourceVersion the downward API volumes were last written from. */
  volumesSeenVersion?: string;
  sandbox?: { id: string; ip: string; readyAt: number; hostNetwork: boolean };
  sandboxRetryAt?: number;
  init: ContainerRt[];
  containers: ContainerRt[];
  terminating?: { deadline: number };
  /** Failed by node-pressure eviction (status.reason Evicted). */
  evicted?: { message: string; at: number };
  deleted?: boolean;
  conditionTimes: Map<string, { status: string; time: number }>;
  lastStatusJson?: string;
  /** What the last published status was built from (statusInputs), and whether it was terminal. */
  lastInputs?: unknown[];
  lastTerminal?: boolean;
}

/** What pod workers share on one node. */
export interface NodeRuntime {
  nodeName: string;
  machine: Machine;
  client: Client;
  events: EventRecorder;
  images: ImageStore;
  crash: Backoff;
  pulls: Backoff;
  volumes: Backoff;
  config(): ConfigReader;
  /** What the volume manager needs: the node's client, the world's volume data, the machine's disk. */
  volumeHost: VolumeHost;
  newId(): string;
  /** Kubelet minor version: event texts changed in 1.33 and 1.35. */
  minor: number;
}

export function newContainerRt(spec: Container, init: boolean): ContainerRt {
  const sidecar = init && (spec as Container & { restartPolicy?: string }).restartPolicy === 'Always';
  return {
    name: spec.name,
    spec,
    init,
    sidecar,
    fieldPath: `${init ? 'spec.initContainers' : 'spec.containers'}{${spec.name}}`,
    phase: 'waiting',
    waiting: { reason: init ? 'PodInitializing' : 'ContainerCreating' },
    restartCount: 0,
    probes: [],
    ready: false,
    started: false,
  };
}

export function newPodRt(pod: KPod, now: number): PodRt {
  return {
    uid: pod.metadata?.uid ?? '',
    key: `${pod.metadata?.namespace}/${pod.metadata?.name}`,
    pod,
    startTime: now,
    init: (pod.spec?.initContainers ?? []).map((c) => newContainerRt(c, true)),
    containers: (pod.spec?.containers ?? []).map((c) => newContainerRt(c, false)),
    conditionTimes: new Map(),
  };
}

/** `name_namespace(uid)`, how the kubelet names a pod in messages. */
export function podDesc(pod: Pod): string {
  return `${pod.metadata?.name}_${pod.metadata?.namespace}(${pod.metadata?.uid})`;
}
