/**
 * A machine's own disk as hostPath volumes see it: one filesystem per VM that
 * outlives the pods on it (and is not seen from any other node), with the
 * `type` checks the kubelet makes before mounting.
 */
import type { HostPathVolumeSource } from 'kubernetes-types/core/v1.js';
import type { Machine } from '../machine.js';
import { VolumeFs } from './fs.js';

const disks = new WeakMap<Machine, VolumeFs>();

/** Directories every AKS node has (what `hostPath: /var/log` and friends find). */
const NODE_DIRS = ['etc', 'var/log/pods', 'var/log/containers', 'var/lib/kubelet', 'tmp', 'mnt', 'opt', 'usr/share', 'run'];

export function hostDisk(machine: Machine): VolumeFs {
  let fs = disks.get(machine);
  if (!fs) {
    disks.set(machine, (fs = new VolumeFs({ 'etc/hostname': `${machine.name}\n`, 'etc/os-release': `PRETTY_NAME="${machine.nodeInfo.osImage}"\n` })));
    for (const d of NODE_DIRS) fs.addDir(d);
  }
  return fs;
}

/** Check (and create) the path for the hostPath `type`; the FailedMount detail when it doesn't fit. */
export function checkHostPath(fs: VolumeFs, src: HostPathVolumeSource, now: number): string | undefined {
  const path = src.path;
  const isDir = fs.isDir(path, now);
  const isFile = fs.read(path, now) !== undefined;
  switch (src.type ?? '') {
    case 'DirectoryOrCreate':
      if (!isDir && !isFile) fs.mkdir(path, now);
      else if (!isDir) return `hostPath type check failed: ${path} is not a directory`;
      return undefined;
    case 'Directory':
      return isDir ? undefined : `hostPath type check failed: ${path} is not a directory`;
    case 'FileOrCreate':
      if (!isDir && !isFile) fs.write(path, '', false, now);
      else if (!isFile) return `hostPath type check failed: ${path} is not a file`;
      return undefined;
    case 'File':
      return isFile ? undefined : `hostPath type check failed: ${path} is not a file`;
    case 'Socket':
      return `hostPath type check failed: ${path} is not a socket file`;
    case 'CharDevice':
      return `hostPath type check failed: ${path} is not a character device`;
    case 'BlockDevice':
      return `hostPath type check failed: ${path} is not a block device`;
    default:
      // "" (no check): the runtime creates a missing directory when it mounts it.
      if (!isDir && !isFile) fs.mkdir(path, now);
      return undefined;
  }
}
