/** `describe` for Deployments, ReplicaSets, StatefulSets, DaemonSets, Jobs and CronJobs. */
import type { KObject } from '../../../cluster/api/types.js';
import { formatSelector, selectorString } from '../../../cluster/api/printers/common.js';
import { describePodTemplate } from './containers.js';
import { annotationsMultiline, controllerOf, describeEvents, get, labelsMultiline, rfc1123z } from './format.js';
import { humanDuration } from '../../../cluster/api/table.js';
import { PrefixWriter } from './writer.js';

export interface PodCounts {
  running: number;
  waiting: number;
  succeeded: number;
  failed: number;
}

/** Pods whose controller is `owner`, counted by phase (getPodStatusForController). */
export function podCounts(owner: KObject, pods: KObject[]): PodCounts {
  const c = { running: 0, waiting: 0, succeeded: 0, failed: 0 };
  for (const p of pods) {
    const ref = (p.metadata?.ownerReferences ?? []).find((r) => r.controller);
    if (!ref || ref.uid !== owner.metadata?.uid) continue;
    const phase = get(p, 'status', 'phase');
    if (phase === 'Running') c.running++;
    else if (phase === 'Pending') c.waiting++;
    else if (phase === 'Succeeded') c.succeeded++;
    else if (phase === 'Failed') c.failed++;
  }
  return c;
}

const podsStatus = (c: PodCounts) => `${c.running} Running / ${c.waiting} Waiting / ${c.succeeded} Succeeded / ${c.failed} Failed`;

function header(w: PrefixWriter, o: KObject): void {
  w.write(0, `Name:\t${o.metadata?.name ?? ''}\n`);
  w.write(0, `Namespace:\t${o.metadata?.namespace ?? ''}\n`);
}

function conditions3(w: PrefixWriter, conds: any[] | undefined): void {
  if (!conds || conds.length === 0) return;
  w.write(0, 'Conditions:\n  Type\tStatus\tReason\n');
  w.write(1, '----\t------\t------\n');
  for (const c of conds) w.write(1, `${c.type} \t${c.status}\t${c.reason ?? ''}\n`);
}

const rsList = (rss: KObject[]) => rss.map((rs) => `${rs.metadata?.name ?? ''} (${get(rs, 'status', 'replicas') ?? 0}/${get(rs, 'spec', 'replicas') ?? 0} replicas created)`).join(', ') || '<none>';

export function describeDeployment(d: KObject, oldRSs: KObject[], newRS: KObject | undefined, events: KObject[] | undefined, now: number): string {
  const w = new PrefixWriter();
  const spec = (d.spec ?? {}) as any;
  const st = (d.status ?? {}) as any;
  header(w, d);
  w.write(0, `CreationTimestamp:\t${rfc1123z(d.metadata?.creationTimestamp)}\n`);
  labelsMultiline(w, 'Labels', d.metadata?.labels);
  annotationsMultiline(w, 'Annotations', d.metadata?.annotations);
  w.write(0, `Selector:\t${selectorString(spec.selector)}\n`);
  w.write(0, `Replicas:\t${spec.replicas ?? 0} desired | ${st.updatedReplicas ?? 0} updated | ${st.replicas ?? 0} total | ${st.availableReplicas ?? 0} available | ${st.unavailableReplicas ?? 0} unavailable\n`);
  w.write(0, `StrategyType:\t${spec.strategy?.type ?? ''}\n`);
  w.write(0, `MinReadySeconds:\t${spec.minReadySeconds ?? 0}\n`);
  const ru = spec.strategy?.rollingUpdate;
  if (ru) w.write(0, `RollingUpdateStrategy:\t${ru.maxUnavailable ?? ''} max unavailable, ${ru.maxSurge ?? ''} max surge\n`);
  describePodTemplate(w, spec.template);
  conditions3(w, st.conditions);
  if (oldRSs.length > 0 || newRS) {
    w.write(0, `OldReplicaSets:\t${rsList(oldRSs)}\n`);
    w.write(0, `NewReplicaSet:\t${rsList(newRS ? [newRS] : [])}\n`);
  }
  describeEvents(w, events, now);
  return w.toString();
}

export function describeReplicaSet(rs: KObject, counts: PodCounts, events: KObject[] | undefined, now: number): string {
  const w = new PrefixWriter();
  header(w, rs);
  w.write(0, `Selector:\t${formatSelector(get(rs, 'spec', 'selector'))}\n`);
  labelsMultiline(w, 'Labels', rs.metadata?.labels);
  annotationsMultiline(w, 'Annotations', rs.metadata?.annotations);
  const ctrl = controllerOf(rs);
  if (ctrl) w.write(0, `Controlled By:\t${ctrl}\n`);
  w.write(0, `Replicas:\t${get(rs, 'status', 'replicas') ?? 0} current / ${get(rs, 'spec', 'replicas') ?? 0} desired\n`);
  w.write(0, `Pods Status:\t${podsStatus(counts)}\n`);
  describePodTemplate(w, get(rs, 'spec', 'template'));
  conditions3(w, get(rs, 'status', 'conditions'));
  describeEvents(w, events, now);
  return w.toString();
}

export function describeStatefulSet(ss: KObject, counts: PodCounts, events: KObject[] | undefined, now: number): string {
  const w = new PrefixWriter();
  const spec = (ss.spec ?? {}) as any;
  header(w, ss);
  w.write(0, `CreationTimestamp:\t${rfc1123z(ss.metadata?.creationTimestamp)}\n`);
  w.write(0, `Selector:\t${selectorString(spec.selector)}\n`);
  labelsMultiline(w, 'Labels', ss.metadata?.labels);
  annotationsMultiline(w, 'Annotations', ss.metadata?.annotations);
  w.write(0, `Replicas:\t${spec.replicas ?? 0} desired | ${get(ss, 'status', 'replicas') ?? 0} total\n`);
  w.write(0, `Update Strategy:\t${spec.updateStrategy?.type ?? ''}\n`);
  const p = spec.updateStrategy?.rollingUpdate?.partition;
  if (p !== undefined) w.write(1, `Partition:\t${p}\n`);
  w.write(0, `Pods Status:\t${podsStatus(counts)}\n`);
  describePodTemplate(w, spec.template);
  const vcts = (spec.volumeClaimTemplates ?? []) as any[];
  if (vcts.length === 0) w.write(0, 'Volume Claims:\t<none>\n');
  else {
    w.write(0, 'Volume Claims:\n');
    for (const v of vcts) {
      w.write(1, `Name:\t${v.metadata?.name ?? ''}\n`);
      w.write(1, `StorageClass:\t${v.spec?.storageClassName ?? ''}\n`);
      labelsMultiline(w, '  Labels', v.metadata?.labels);
      annotationsMultiline(w, '  Annotations', v.metadata?.annotations);
      w.write(1, `Capacity:\t${v.spec?.resources?.requests?.storage ?? ''}\n`);
      w.write(1, `Access Modes:\t[${(v.spec?.accessModes ?? []).join(' ')}]\n`);
    }
  }
  describeEvents(w, events, now);
  return w.toString();
}

export function describeDaemonSet(ds: KObject, counts: PodCounts, events: KObject[] | undefined, now: number): string {
  const w = new PrefixWriter();
  const st = (ds.status ?? {}) as any;
  w.write(0, `Name:\t${ds.metadata?.name ?? ''}\n`);
  w.write(0, `Namespace:\t${ds.metadata?.namespace ?? ''}\n`);
  w.write(0, `Selector:\t${formatSelector(get(ds, 'spec', 'selector'))}\n`);
  const ns = get(ds, 'spec', 'template', 'spec', 'nodeSelector') ?? {};
  const nsText = Object.keys(ns).sort().map((k) => `${k}=${ns[k]}`).join(',');
  w.write(0, `Node-Selector:\t${nsText || '<none>'}\n`);
  labelsMultiline(w, 'Labels', ds.metadata?.labels);
  annotationsMultiline(w, 'Annotations', ds.metadata?.annotations);
  w.write(0, `Desired Number of Nodes Scheduled: ${st.desiredNumberScheduled ?? 0}\n`);
  w.write(0, `Current Number of Nodes Scheduled: ${st.currentNumberScheduled ?? 0}\n`);
  w.write(0, `Number of Nodes Scheduled with Up-to-date Pods: ${st.updatedNumberScheduled ?? 0}\n`);
  w.write(0, `Number of Nodes Scheduled with Available Pods: ${st.numberAvailable ?? 0}\n`);
  w.write(0, `Number of Nodes Misscheduled: ${st.numberMisscheduled ?? 0}\n`);
  w.write(0, `Pods Status:\t${podsStatus(counts)}\n`);
  describePodTemplate(w, get(ds, 'spec', 'template'));
  describeEvents(w, events, now);
  return w.toString();
}

export function describeJob(job: KObject, events: KObject[] | undefined, now: number): string {
  const w = new PrefixWriter();
  const spec = (job.spec ?? {}) as any;
  const st = (job.status ?? {}) as any;
  header(w, job);
  w.write(0, `Selector:\t${formatSelector(spec.selector)}\n`);
  labelsMultiline(w, 'Labels', job.metadata?.labels);
  annotationsMultiline(w, 'Annotations', job.metadata?.annotations);
  const ctrl = controllerOf(job);
  if (ctrl) w.write(0, `Controlled By:\t${ctrl}\n`);
  w.write(0, `Parallelism:\t${spec.parallelism ?? 1}\n`);
  w.write(0, `Completions:\t${spec.completions ?? '<unset>'}\n`);
  if (spec.completionMode) w.write(0, `Completion Mode:\t${spec.completionMode}\n`);
  if (spec.suspend !== undefined) w.write(0, `Suspend:\t${spec.suspend === true}\n`);
  if (spec.backoffLimit !== undefined) w.write(0, `Backoff Limit:\t${spec.backoffLimit}\n`);
  if (spec.ttlSecondsAfterFinished !== undefined) w.write(0, `TTL Seconds After Finished:\t${spec.ttlSecondsAfterFinished}\n`);
  if (st.startTime) w.write(0, `Start Time:\t${rfc1123z(st.startTime)}\n`);
  if (st.completionTime) {
    w.write(0, `Completed At:\t${rfc1123z(st.completionTime)}\n`);
    w.write(0, `Duration:\t${humanDuration(Date.parse(st.completionTime) - Date.parse(st.startTime))}\n`);
  }
  if (spec.activeDeadlineSeconds !== undefined) w.write(0, `Active Deadline Seconds:\t${spec.activeDeadlineSeconds}s\n`);
  w.write(0, `Pods Statuses:\t${st.active ?? 0} Active (${st.ready ?? 0} Ready) / ${st.succeeded ?? 0} Succeeded / ${st.failed ?? 0} Failed\n`);
  if (spec.completionMode === 'Indexed') w.write(0, `Completed Indexes:\t${st.completedIndexes || '<none>'}\n`);
  describePodTemplate(w, spec.template);
  describeEvents(w, events, now);
  return w.toString();
}

export function describeCronJob(cj: KObject, events: KObject[] | undefined, now: number): string {
  const w = new PrefixWriter();
  const spec = (cj.spec ?? {}) as any;
  const st = (cj.status ?? {}) as any;
  header(w, cj);
  labelsMultiline(w, 'Labels', cj.metadata?.labels);
  annotationsMultiline(w, 'Annotations', cj.metadata?.annotations);
  w.write(0, `Schedule:\t${spec.schedule ?? ''}\n`);
  w.write(0, `Concurrency Policy:\t${spec.concurrencyPolicy ?? ''}\n`);
  w.write(0, `Suspend:\t${spec.suspend === true ? 'True' : 'False'}\n`);
  w.write(0, `Successful Job History Limit:\t${spec.successfulJobsHistoryLimit ?? '<unset>'}\n`);
  w.write(0, `Failed Job History Limit:\t${spec.failedJobsHistoryLimit ?? '<unset>'}\n`);
  w.write(0, `Starting Deadline Seconds:\t${spec.startingDeadlineSeconds !== undefined ? `${spec.startingDeadlineSeconds}s` : '<unset>'}\n`);
  const js = spec.jobTemplate?.spec ?? {};
  w.write(0, `Selector:\t${js.selector ? formatSelector(js.selector) : '<unset>'}\n`);
  w.write(0, `Parallelism:\t${js.parallelism ?? '<unset>'}\n`);
  w.write(0, `Completions:\t${js.completions ?? '<unset>'}\n`);
  if (js.activeDeadlineSeconds !== undefined) w.write(0, `Active Deadline Seconds:\t${js.activeDeadlineSeconds}s\n`);
  describePodTemplate(w, js.template);
  w.write(0, `Last Schedule Time:\t${st.lastScheduleTime ? rfc1123z(st.lastScheduleTime) : '<unset>'}\n`);
  const active = ((st.active ?? []) as { name: string }[]).map((a) => a.name).join(', ');
  w.write(0, `Active Jobs:\t${active || '<none>'}\n`);
  describeEvents(w, events, now);
  return w.toString();
}
