/**
 * The volume manager's view of one pod on one node: which of its volumes are
 * set up (mounted), which wait (a claim not bound, a disk not attached) and
 * which failed (a missing ConfigMap), the mounts each container gets, the
 * periodic refresh of configMap/secret/downward API contents, and what the
 * volumes use (emptyDir bytes, tmpfs memory).
 */
import type { Container, Pod, Volume } from 'kubernetes-types/core/v1.js';
import type { Client } from '../../api/client.js';
import type { VolumeData } from '../../cloud/volume-data.js';
import { parseQuantity } from '../../api/quantity.js';
import type { ConfigReader } from '../container-config.js';
import { normalize, VolumeFs } from './fs.js';
import type { Mount } from './container-fs.js';
import { checkHostPath } from './host-path.js';
import { isAtomicWriter, volumeContents, type Files } from './sources.js';
import { claimNameOf, resolveClaim } from './claims.js';

/** podAttachAndMountTimeout: how long the pod worker waits for its volumes before reporting. */
export const ATTACH_MOUNT_TIMEOUT_MS = 2 * 60_000 + 3_000;
/** The kubelet's periodic pod sync, when configMap/secret/downward API contents are rewritten. */
export const VOLUME_REFRESH_MS = 60_000;

export interface VolumeHost {
  client: Client;
  nodeName: string;
  data: VolumeData;
  disk: VolumeFs;
  cfg(): ConfigReader;
  allocatable: { cpu: string; memory: string };
}

interface VolState {
  name: string;
  fs?: VolumeFs;
  /** Directory of the volume inside `fs` (a hostPath's path). */
  base: string;
  readOnly: boolean;
  atomic: boolean;
  mounted: boolean;
  memory?: boolean;
  sizeLimit?: { bytes: number; text: string };
  uniqueName?: string;
  attached?: boolean;
  notInDsw?: boolean;
  contents?: string;
}

export interface SetUpResult {
  ready: boolean;
  /** FailedMount event texts for this attempt. */
  failures: string[];
}

export class PodVolumes {
  readonly vols = new Map<string, VolState>();
  /** When the current wait for volumes started (the 2m3s window). */
  waitStart?: number;
  nextRefresh = Infinity;
  /**
   * Kinds of volume seen so far (the node's periodic passes skip the pods
   * without them): a memory-backed emptyDir, an emptyDir with a sizeLimit, an
   * attachable volume.
   */
  private tmpfs = false;
  private sized = false;
  private attachable = false;

  constructor(readonly uid: string) {}

  /** Volumes containers mount: what the pod worker waits for. */
  expected(pod: Pod): string[] {
    const names = new Set<string>();
    for (const c of [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])]) for (const m of c.volumeMounts ?? []) names.add(m.name);
    return [...names].sort();
  }

  /** One pass of the reconciler: set up what can be, note what waits. */
  setUp(pod: Pod, host: VolumeHost, now: number): SetUpResult {
    const failures: string[] = [];
    const cfg = host.cfg();
    for (const v of pod.spec?.volumes ?? []) {
      let s = this.vols.get(v.name);
      if (s?.mounted) continue;
      if (!s) this.vols.set(v.name, (s = { name: v.name, base: '', readOnly: false, atomic: isAtomicWriter(v), mounted: false }));
      const err = this.setUpOne(pod, v, s, host, cfg, now);
      if (err) failures.push(`MountVolume.SetUp failed for volume "${v.name}" : ${err}`);
    }
    if (this.vols.size && [...this.vols.values()].some((s) => s.atomic && this.refreshable(pod, s.name))) this.nextRefresh = Math.min(this.nextRefresh, now + VOLUME_REFRESH_MS);
    const ready = this.expected(pod).every((n) => this.vols.get(n)?.mounted);
    return { ready, failures };
  }

  private setUpOne(pod: Pod, v: Volume, s: VolState, host: VolumeHost, cfg: ConfigReader, now: number): string | undefined {
    if (v.emptyDir) {
      s.fs = new VolumeFs();
      s.memory = v.emptyDir.medium === 'Memory';
      if (s.memory) this.tmpfs = true;
      if (v.emptyDir.sizeLimit !== undefined) this.sized = true;
      if (v.emptyDir.sizeLimit !== undefined) s.sizeLimit = { bytes: parseQuantity(String(v.emptyDir.sizeLimit)) ?? Infinity, text: String(v.emptyDir.sizeLimit) };
      s.mounted = true;
      return undefined;
    }
    if (v.hostPath) {
      const err = checkHostPath(host.disk, v.hostPath, now);
      if (err) return err;
      s.fs = host.disk;
      s.base = normalize(v.hostPath.path);
      s.mounted = true;
      return undefined;
    }
    if (s.atomic) {
      const c = volumeContents(pod, v, { cfg, now, allocatable: host.allocatable });
      if ('error' in c) return c.error;
      s.fs = new VolumeFs();
      this.writeContents(s, c.files, now, true);
      s.readOnly = true;
      s.mounted = true;
      return undefined;
    }
    if (claimNameOf(pod, v) !== undefined) {
      const r = resolveClaim(pod, v, host.client, host.nodeName, host.data, host.disk);
      if (r.kind === 'unprocessed') {
        s.notInDsw = true;
        return undefined;
      }
      s.notInDsw = false;
      s.uniqueName = r.uniqueName;
      if (r.uniqueName) this.attachable = true;
      s.attached = r.attached;
      if (!r.attached) return undefined;
      s.fs = r.fs;
      s.base = r.base;
      if (r.onHost && !r.fs.isDir(r.base, now)) r.fs.mkdir(r.base, now);
      s.readOnly = r.readOnly;
      s.mounted = true;
      return undefined;
    }
    // Other sources (nfs, csi inline, …): a volume of its own.
    s.fs ??= new VolumeFs();
    s.mounted = true;
    return undefined;
  }

  private writeContents(s: VolState, files: Files, now: number, initial: boolean): void {
    const json = JSON.stringify(files);
    if (json === s.contents) return;
    const before = s.contents ? (JSON.parse(s.contents) as Files) : {};
    s.contents = json;
    for (const [path, f] of Object.entries(files)) {
      if (initial) s.fs!.put(path, { text: f.text, size: f.text.length, mode: f.mode });
      else if (before[path]?.text !== f.text || before[path]?.mode !== f.mode) s.fs!.write(path, f.text, false, now, undefined, f.text.length, f.mode);
    }
    for (const path of Object.keys(before)) if (!(path in files)) s.fs!.remove(path, now);
  }

  /** Only volumes that can change are rewritten on the periodic sync (not the service account token volume). */
  private refreshable(pod: Pod, name: string): boolean {
    const v = (pod.spec?.volumes ?? []).find((x) => x.name === name);
    if (!v) return false;
    if (v.projected && name.startsWith('kube-api-access-')) return false;
    return isAtomicWriter(v);
  }

  /** The pod's periodic sync (or an update of the pod): rewrite changed configMap/secret/downward API files. */
  refresh(pod: Pod, host: VolumeHost, now: number, all: boolean): void {
    const cfg = host.cfg();
    for (const v of pod.spec?.volumes ?? []) {
      const s = this.vols.get(v.name);
      if (!s?.mounted || !s.atomic || !this.refreshable(pod, v.name)) continue;
      // A pod update only re-reads the downward API; ConfigMaps and Secrets wait for the periodic sync.
      if (!all && !v.downwardAPI && !v.projected) continue;
      const c = volumeContents(pod, v, { cfg, now, allocatable: host.allocatable });
      if ('files' in c) this.writeContents(s, c.files, now, false);
    }
    if (all) this.nextRefresh = now + VOLUME_REFRESH_MS;
  }

  /** The mounts of container `c` starting at `now`; `env` expands subPathExpr. */
  mounts(c: Container, env: [string, string][], now: number): Mount[] {
    const out: Mount[] = [];
    for (const vm of c.volumeMounts ?? []) {
      const s = this.vols.get(vm.name);
      if (!s?.fs || !s.mounted) continue;
      let sub = vm.subPath ?? '';
      if (vm.subPathExpr) sub = vm.subPathExpr.replace(/\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g, (_all, k: string) => env.find(([x]) => x === k)?.[1] ?? '');
      sub = normalize(sub);
      const subPath = normalize(`${s.base}/${sub}`);
      const readOnly = !!vm.readOnly || s.readOnly;
      // The kubelet creates a missing subPath directory in a writable volume.
      if (sub && !readOnly && !s.fs.isDir(subPath, now) && s.fs.read(subPath, now) === undefined) s.fs.mkdir(subPath, now);
      out.push({ path: normalize(vm.mountPath), fs: s.fs, subPath, readOnly, frozenAt: s.atomic && sub ? now : undefined });
    }
    return out;
  }

  /** The wait report: `unmounted volumes=[…], unattached volumes=[…], failed to process volumes=[…]`. */
  waitReport(pod: Pod): string {
    const expected = this.expected(pod);
    const unmounted = expected.filter((n) => !this.vols.get(n)?.mounted);
    const unattached = [...this.vols.values()].filter((s) => s.uniqueName && !s.attached && !s.notInDsw).map((s) => s.name).sort();
    const failed = [...this.vols.values()].filter((s) => s.notInDsw).map((s) => s.name).sort();
    return `unmounted volumes=[${unmounted.join(' ')}], unattached volumes=[${unattached.join(' ')}], failed to process volumes=[${failed.join(' ')}]`;
  }

  /** Attachable volumes this pod needs on the node (node.status.volumesInUse). */
  inUse(): string[] {
    if (!this.attachable) return [];
    return [...this.vols.values()].filter((s) => s.uniqueName && !s.notInDsw).map((s) => s.uniqueName!);
  }

  /** Bytes in memory-backed emptyDirs at t (counted as the pod's memory). */
  memoryBytes(t: number): number {
    let n = 0;
    if (!this.tmpfs) return n;
    for (const s of this.vols.values()) if (s.memory && s.fs) n += s.fs.usage(t);
    return n;
  }

  /** An emptyDir over its sizeLimit at t: the eviction manager's message. */
  overLimit(t: number): string | undefined {
    if (!this.sized) return undefined;
    const limited: VolState[] = [];
    for (const s of this.vols.values()) if (s.sizeLimit) limited.push(s);
    if (limited.length === 0) return undefined;
    for (const s of limited.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (s.sizeLimit && s.fs && s.fs.usage(t) > s.sizeLimit.bytes) return `Usage of EmptyDir volume "${s.name}" exceeds the limit "${s.sizeLimit.text}". `;
    }
    return undefined;
  }
}
