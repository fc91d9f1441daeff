/**
 * The `cluster-autoscaler-status` ConfigMap in kube-system, in the YAML
 * format cluster-autoscaler writes since 1.30 (its ClusterAutoscalerStatus
 * type): time, autoscalerStatus, clusterWide health/scaleUp/scaleDown, and
 * the same per node group, with probe and transition times.
 */

export interface Counts {
  total: number;
  ready: number;
  notStarted: number;
  unready: number;
  longUnregistered: number;
  unregistered: number;
}

export interface GroupStatus {
  name: string;
  counts: Counts;
  target: number;
  min: number;
  max: number;
  scaleUp: 'InProgress' | 'NoActivity' | 'Backoff';
  backoff?: { errorCode: string; errorMessage: string };
  candidates: number;
}

export interface StatusInput {
  now: number;
  groups: GroupStatus[];
}

/** Go's time.Time.String() in UTC: `2026-11-23 15:20:10.5 +0000 UTC`. */
export function goTime(ms: number): string {
  const iso = new Date(ms).toISOString();
  const frac = iso.slice(20, 23).replace(/0+$/, '');
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}${frac ? `.${frac}` : ''} +0000 UTC`;
}

function rfc3339(ms: number): string {
  const iso = new Date(ms).toISOString();
  const frac = iso.slice(20, 23).replace(/0+$/, '');
  return `${iso.slice(0, 19)}${frac ? `.${frac}` : ''}Z`;
}

/** Remembers when each condition last changed (lastTransitionTime). */
export class Transitions {
  private readonly since = new Map<string, { value: string; at: number }>();

  at(key: string, value: string, now: number): number {
    const cur = this.since.get(key);
    if (cur && cur.value === value) return cur.at;
    this.since.set(key, { value, at: now });
    return now;
  }
}

function health(counts: Counts): 'Healthy' | 'Unhealthy' {
  const unready = counts.unready + counts.longUnregistered;
  return unready > 3 && unready > 0.45 * Math.max(1, counts.total) ? 'Unhealthy' : 'Healthy';
}

function countLines(c: Counts, ind: string): string[] {
  const out = [`${ind}nodeCounts:`, `${ind}  registered:`, `${ind}    total: ${c.total}`, `${ind}    ready: ${c.ready}`, `${ind}    notStarted: ${c.notStarted}`];
  if (c.unready) out.push(`${ind}    unready:`, `${ind}      total: ${c.unready}`, `${ind}      resourceUnready: 0`);
  out.push(`${ind}  longUnregistered: ${c.longUnregistered}`, `${ind}  unregistered: ${c.unregistered}`);
  return out;
}

export function statusYaml(s: StatusInput, tr: Transitions): string {
  const now = s.now;
  const probe = `"${rfc3339(now)}"`;
  const trans = (k: string, v: string) => `"${rfc3339(tr.at(k, v, now))}"`;
  const sum: Counts = { total: 0, ready: 0, notStarted: 0, unready: 0, longUnregistered: 0, unregistered: 0 };
  for (const g of s.groups) for (const k of Object.keys(sum) as (keyof Counts)[]) sum[k] += g.counts[k];
  const clusterHealth = health(sum);
  const clusterUp = s.groups.some((g) => g.scaleUp === 'InProgress') ? 'InProgress' : 'NoActivity';
  const candidates = s.groups.reduce((a, g) => a + g.candidates, 0);
  const clusterDown = candidates > 0 ? 'CandidatesPresent' : 'NoCandidates';
  const lines = [
    `time: ${goTime(now)}`,
    'autoscalerStatus: Running',
    'clusterWide:',
    '  health:',
    `    status: ${clusterHealth}`,
    ...countLines(sum, '    '),
    `    lastProbeTime: ${probe}`,
    `    lastTransitionTime: ${trans('cw/health', clusterHealth)}`,
    '  scaleUp:',
    `    status: ${clusterUp}`,
    `    lastProbeTime: ${probe}`,
    `    lastTransitionTime: ${trans('cw/up', clusterUp)}`,
    '  scaleDown:',
    `    status: ${clusterDown}`,
    ...(candidates > 0 ? [`    candidates: ${candidates}`] : []),
    `    lastProbeTime: ${probe}`,
    `    lastTransitionTime: ${trans('cw/down', clusterDown)}`,
    'nodeGroups:',
  ];
  for (const g of s.groups) {
    const h = health(g.counts);
    const down = g.candidates > 0 ? 'CandidatesPresent' : 'NoCandidates';
    lines.push(
      `- name: ${g.name}`,
      '  health:',
      `    status: ${h}`,
      ...countLines(g.counts, '    '),
      `    cloudProviderTarget: ${g.target}`,
      `    minSize: ${g.min}`,
      `    maxSize: ${g.max}`,
      `    lastProbeTime: ${probe}`,
      `    lastTransitionTime: ${trans(`${g.name}/health`, h)}`,
      '  scaleUp:',
      `    status: ${g.scaleUp}`,
      ...(g.backoff ? ['    backoffInfo:', `      errorCode: ${g.backoff.errorCode}`, `      errorMessage: ${JSON.stringify(g.backoff.errorMessage)}`] : []),
      `    lastProbeTime: ${probe}`,
      `    lastTransitionTime: ${trans(`${g.name}/up`, g.scaleUp)}`,
      '  scaleDown:',
      `    status: ${down}`,
      ...(g.candidates > 0 ? [`    candidates: ${g.candidates}`] : []),
      `    lastProbeTime: ${probe}`,
      `    lastTransitionTime: ${trans(`${g.name}/down`, down)}`,
    );
  }
  if (s.groups.length === 0) lines[lines.length - 1] = 'nodeGroups: []';
  return `${lines.join('\n')}\n`;
}
