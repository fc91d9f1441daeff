/**
 * `kubectl autoscale (-f FILENAME | TYPE NAME) [--min=MINPODS] --max=MAXPODS [--cpu=50%|500m] [--memory=80%|512Mi]`:
 * with only the deprecated `--cpu-percent`, kubectl builds an autoscaling/v1
 * HorizontalPodAutoscaler (printed as such with --dry-run=client) and the
 * cluster gets its v2 form (the conversion the API server would do). The
 * newer `--cpu`/`--memory` flags (kubectl 1.34+) build autoscaling/v2
 * directly: a percentage targets utilization, a quantity an average value.
 */
import type { Verb } from './verb.js';
import type { KObject } from '../../cluster/api/types.js';
import { DRY_RUN_FLAG, PRINT_FLAGS, printWritten, writeFlags } from './print-object.js';
import { serverError } from './output.js';
import { sourceObjects } from './sources.js';
import { parseQuantity } from '../../cluster/api/quantity.js';

export const CPU_PERCENT_DEPRECATED = "Flag --cpu-percent has been deprecated, Use --cpu with percentage or resource quantity format (e.g., '70%' for utilization or '500m' for milliCPU).";

type Target = { type: 'Utilization'; averageUtilization: number } | { type: 'AverageValue'; averageValue: string };

/** `50%` → utilization; `500m`/`512Mi` → average value; anything else is an error line. */
export function resourceTarget(flag: string, value: string): Target | { error: string } {
  const pct = /^(\d+)%$/.exec(value);
  if (pct) return { type: 'Utilization', averageUtilization: Number(pct[1]) };
  if (parseQuantity(value) !== undefined && !value.startsWith('-')) return { type: 'AverageValue', averageValue: value };
  return { error: `error: invalid argument "${value}" for "--${flag}" flag: must be a percentage (e.g. 70%) or a resource quantity (e.g. 500m)` };
}

function toV2(v1: KObject): KObject {
  const spec = v1.spec as { maxReplicas: number; minReplicas?: number; scaleTargetRef: unknown; targetCPUUtilizationPercentage?: number };
  return {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: v1.metadata,
    spec: {
      scaleTargetRef: spec.scaleTargetRef,
      ...(spec.minReplicas !== undefined ? { minReplicas: spec.minReplicas } : {}),
      maxReplicas: spec.maxReplicas,
      ...(spec.targetCPUUtilizationPercentage !== undefined ? { metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: spec.targetCPUUtilizationPercentage } } }] } : {}),
    },
  };
}

export const autoscaleVerb: Verb = {
  name: 'autoscale',
  short: 'Auto-scale a deployment, replica set, stateful set, or replication controller',
  usage: 'kubectl autoscale (-f FILENAME | TYPE NAME | TYPE/NAME) [--min=MINPODS] --max=MAXPODS [--cpu=CPU] [--memory=MEMORY] [options]',
  flags: [
    { name: 'min', type: 'int', default: -1 },
    { name: 'max', type: 'int', default: -1 },
    { name: 'cpu-percent', type: 'int', default: -1 },
    { name: 'cpu', type: 'string' },
    { name: 'memory', type: 'string' },
    { name: 'name', type: 'string' },
    { name: 'filename', short: 'f', type: 'strings' },
    { name: 'recursive', short: 'R', type: 'bool' },
    { name: 'save-config', type: 'bool' },
    { name: 'field-manager', type: 'string', default: 'kubectl-autoscale' },
    DRY_RUN_FLAG,
    ...PRINT_FLAGS,
  ],
  required: ['max'],
  run(env) {
    const { ctx, flags, client } = env;
    const min = flags.min as number;
    const max = flags.max as number;
    if (max < 1) {
      ctx.err(`error: --max=MAXPODS is required and must be at least 1, max: ${max}`);
      return 1;
    }
    if (min > max) {
      ctx.err(`error: --max=MAXPODS must be larger or equal to --min=MINPODS, max: ${max}, min: ${min}`);
      return 1;
    }
    const metrics: Array<{ type: 'Resource'; resource: { name: string; target: Target } }> = [];
    for (const res of ['cpu', 'memory'] as const) {
      const v = flags[res] as string | undefined;
      if (v === undefined) continue;
      const t = resourceTarget(res, v);
      if ('error' in t) {
        ctx.err(t.error);
        return 1;
      }
      metrics.push({ type: 'Resource', resource: { name: res, target: t } });
    }
    if ((flags['cpu-percent'] as number) >= 0) ctx.err(CPU_PERCENT_DEPRECATED);
    if (metrics.length > 0 && (flags['cpu-percent'] as number) >= 0) {
      ctx.err('error: --cpu-percent and --cpu are mutually exclusive');
      return 1;
    }
    const wf = writeFlags(ctx, flags, { files: true });
    if (!wf) return 1;
    const { dry, output } = wf;
    const src = sourceObjects(env, (def) => (!def.scale && def.kind !== 'ReplicationController' ? `error: cannot autoscale a ${def.kind}: cannot autoscale a ${def.kind}` : undefined));
    if (!src.ok) {
      ctx.err(src.error);
      return 1;
    }
    const targets = src.objects;
    const hpaDef = env.cluster.registry.get('autoscaling', 'horizontalpodautoscalers')!;
    let code = 0;
    for (const t of targets) {
      const name = (flags.name as string | undefined) ?? t.metadata?.name ?? '';
      const meta: Record<string, unknown> = { name };
      if (env.namespaceSet) meta.namespace = env.namespace;
      meta.creationTimestamp = null;
      const spec: Record<string, unknown> = { scaleTargetRef: { kind: t.kind, name: t.metadata?.name, apiVersion: t.apiVersion } };
      if (min >= 0) spec.minReplicas = min;
      spec.maxReplicas = max;
      if ((flags['cpu-percent'] as number) >= 0) spec.targetCPUUtilizationPercentage = flags['cpu-percent'];
      const v1 = { kind: 'HorizontalPodAutoscaler', apiVersion: 'autoscaling/v1', metadata: meta, spec, status: { currentReplicas: 0, desiredReplicas: 0 } } as KObject;
      const v2: KObject | undefined =
        metrics.length > 0
          ? { kind: 'HorizontalPodAutoscaler', apiVersion: 'autoscaling/v2', metadata: meta, spec: { ...spec, metrics }, status: { currentMetrics: null, desiredReplicas: 0 } }
          : undefined;
      if (dry === 'client') {
        printWritten(ctx, hpaDef, v2 ?? v1, 'created', dry, output, false, true);
        continue;
      }
      const body = v2 ? { ...v2, status: undefined } : toV2(v1);
      const r = client.create('horizontalpodautoscalers.autoscaling', t.metadata?.namespace ?? env.namespace, body, { dryRun: dry === 'server', fieldManager: String(flags['field-manager']) });
      if (!r.ok) {
        ctx.err(serverError(r.status));
        code = 1;
        continue;
      }
      printWritten(ctx, hpaDef, r.object, 'autoscaled', dry, output);
    }
    return code;
  },
};
