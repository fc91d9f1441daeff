/**
 * The shape of the image catalogue: what a simulated registry knows about an
 * image (tags, sizes, digests) and what its container does when it runs
 * (default command, log lines, ports, readiness, resource usage, signals).
 * The catalogue itself is data (library.ts, test-images.ts, system.ts).
 */

/** One process an image can run (its entrypoint binary, or a binary called by name). */
export interface ProgramSpec {
  /**
   * Log lines printed on start, in order. `{{time:nginx}}`, `{{time:iso}}`, `{{time:redis}}`,
   * `{{time:httpd}}`, `{{kernel}}`, `{{hostname}}`, `{{podIP}}` and `{{arg:N}}` are filled in.
   * A line `@+500 text` is printed 500 ms after the previous one.
   */
  lines?: string[];
  /** Ports opened once ready (TCP/HTTP probes fail with "connection refused" before). */
  ports?: number[];
  /** Time from start until the ports answer (ms). */
  readyAfterMs?: number;
  /** Exits by itself after this long with this code (a crashing or finishing program). */
  exit?: { afterMs: number; code: number; lines?: string[] };
  /** Resident memory (MiB) once started; `memoryGrowthMiPerSec` makes it grow (leak / memory hog). */
  memoryMi?: number;
  memoryGrowthMiPerSec?: number;
  /** CPU use in millicores when idle; `cpuBurn` uses what the limit allows (a load image). */
  cpuMilli?: number;
  cpuBurn?: boolean;
  /** What SIGTERM does: exit after `afterMs` with `code` (after printing `lines`), or ignore it (PID 1 shells). */
  sigterm?: { afterMs: number; code: number; lines?: string[] } | 'ignore';
  /** HTTP answers for probes (path → status); unknown paths get `defaultStatus` (200 if unset). */
  http?: Record<string, number>;
  defaultHttpStatus?: number;
  /** From this long after start, every HTTP answer is `status` (agnhost liveness: 200 for 10 s, then 500). */
  httpFailsAfter?: { afterMs: number; status: number };
  /** A wrapper script (docker-entrypoint.sh): prints `lines` when its first argument is one of `when`, then runs its arguments. */
  wrapper?: { when: string[] };
  /** Refuses to start without one of these env vars: prints `lines` and exits with `code`. */
  requiresEnv?: { anyOf: string[]; lines: string[]; code: number };
}

export interface ImageTag {
  /** Compressed size in bytes (what `Image size:` in the Pulled event reports). */
  size: number;
  /** The software version the tag carries (`{{version}}` in log lines). */
  version?: string;
}

export interface ImageSpec {
  /** Fully qualified repository: `docker.io/library/nginx`, `mcr.microsoft.com/azuredocs/aks-helloworld`. */
  repository: string;
  tags: Record<string, ImageTag>;
  /** Version-tagged system images (kube-proxy:v1.35.7): any tag matching this regex exists, with this size. */
  tagPattern?: { regex: string; size: number };
  entrypoint?: string[];
  cmd?: string[];
  workingDir?: string;
  /** Environment baked into the image (PATH etc.), in image order. */
  env?: [string, string][];
  /** `/bin/sh` flavour: dash (Debian), ash (busybox/alpine), bash; none for distroless images. */
  shell?: 'dash' | 'ash' | 'bash';
  /** Binaries on PATH beyond the shell builtins (busybox gives most of coreutils). */
  binaries?: string[];
  /** Programs by binary name (basename); the entrypoint's program is the main process. */
  programs?: Record<string, ProgramSpec>;
  /** Files a container can `cat`. */
  files?: Record<string, string>;
}
