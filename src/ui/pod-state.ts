/**
 * A pod's state as the map draws it, decided the way kubectl's STATUS column
 * is (deletion → Terminating, a waiting reason wins over the phase, Running
 * splits into Ready and not-ready), with a letter for each so colour is never
 * the only cue.
 */
import type { Pod } from 'kubernetes-types/core/v1.js';

export type PodState = 'Pending' | 'ContainerCreating' | 'Running' | 'Ready' | 'CrashLoopBackOff' | 'ImagePullBackOff' | 'Terminating' | 'Completed' | 'Failed' | 'Unknown';

export const POD_STATES: Record<PodState, { letter: string; color: string; label: string }> = {
  Pending: { letter: 'P', color: 'yellow', label: 'Pending' },
  ContainerCreating: { letter: 'C', color: 'cyan', label: 'Creating' },
  Running: { letter: 'r', color: 'green', label: 'Running' },
  Ready: { letter: 'R', color: 'greenBright', label: 'Ready' },
  CrashLoopBackOff: { letter: 'X', color: 'red', label: 'CrashLoop' },
  ImagePullBackOff: { letter: 'I', color: 'red', label: 'ImagePull' },
  Terminating: { letter: 'T', color: 'magenta', label: 'Terminating' },
  Completed: { letter: 'D', color: 'gray', label: 'Done' },
  Failed: { letter: 'F', color: 'redBright', label: 'Failed' },
  Unknown: { letter: '?', color: 'gray', label: 'Unknown' },
};

const PULL_ERRORS = new Set(['ErrImagePull', 'ImagePullBackOff', 'InvalidImageName', 'ErrImageNeverPull']);

export function podState(pod: Pod): PodState {
  if (pod.metadata?.deletionTimestamp) return 'Terminating';
  const phase = pod.status?.phase;
  if (phase === 'Succeeded') return 'Completed';
  if (phase === 'Failed') return 'Failed';
  const statuses = [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])];
  for (const c of statuses) {
    const reason = c.state?.waiting?.reason;
    if (reason === 'CrashLoopBackOff') return 'CrashLoopBackOff';
    if (reason && PULL_ERRORS.has(reason)) return 'ImagePullBackOff';
  }
  if (phase === 'Running') {
    const ready = pod.status?.conditions?.find((c) => c.type === 'Ready')?.status === 'True';
    return ready ? 'Ready' : 'Running';
  }
  if (phase === 'Pending' || phase === undefined) {
    if (statuses.some((c) => c.state?.waiting?.reason === 'ContainerCreating' || c.state?.waiting?.reason === 'PodInitializing')) return 'ContainerCreating';
    return 'Pending';
  }
  return 'Unknown';
}
