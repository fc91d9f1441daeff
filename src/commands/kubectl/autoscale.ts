/**
 * `kubectl autoscale (-f FILENAME | TYPE NAME) [--min=MINPODS] --max=MAXPODS [--cpu-percent=CPU]`:
 * kubectl 1.32 builds an autoscaling/v1 HorizontalPodAutoscaler (printed as
 * such with --dry-run=client); the cluster serves autoscaling/v2, so it is
 * sent in its v2 form (the conversion the API server would do).
 */
import type { Verb } from './verb.js';
import type { KObject } from '../../cluster/api/types.js';
import { DRY_RUN_FLAG, PRINT_FLAGS, dryRunOf, outputError, printWritten } from './print-object.js';
import { klogLine } from './klog.js';
import { serverError } from './output.js';
import { resolveRefs } from './refs.js';
import { readManifests } from './manifests.js';

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
  usage: 'kubectl autoscale (-f FILENAME | TYPE NAME | TYPE/NAME) [--min=MINPODS] --max=MAXPODS [--cpu-percent=CPU] [options]',
  flags: [
    { name: 'min', type: 'int', default: -1 },
    { name: 'max', type: 'int', default: -1 },
    { name: 'cpu-percent', type: 'int', default: -1 },
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
    const output = flags.output as string | undefined;
    const oe = outputError(output, ctx.files);
    if (oe) {
      ctx.err(oe);
      return 1;
    }
    const dry = dryRunOf(ctx, flags, (m) => ctx.err(klogLine(ctx, 'W', 'helpers.go:702', m)));
    if (typeof dry === 'object') {
      ctx.err(dry.error);
      return 1;
    }
    const targets: KObject[] = [];
    const files = (flags.filename as string[] | undefined) ?? [];
    if (files.length > 0) {
      const read = readManifests(ctx, files, !!flags.recursive);
      if (!read.ok) {
        ctx.err(read.error);
        return 1;
      }
      targets.push(...read.items.map((i) => i.object));
    } else {
      const refs = resolveRefs(env, {});
      if (!refs.ok) {
        ctx.err(refs.error);
        return 1;
      }
      for (const ref of refs.refs) {
        if (!ref.def.scale && ref.def.kind !== 'ReplicationController') {
          ctx.err(`error: cannot autoscale a ${ref.def.kind}: cannot autoscale a ${ref.def.kind}`);
          return 1;
        }
        const r = client.get(ref.gr, ref.ns, ref.name);
        if (!r.ok) {
          ctx.err(serverError(r.status));
          return 1;
        }
        targets.push(r.object);
      }
    }
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
      if (dry === 'client') {
        printWritten(ctx, hpaDef, v1, 'created', dry, output, false, true);
        continue;
      }
      const r = client.create('horizontalpodautoscalers.autoscaling', t.metadata?.namespace ?? env.namespace, toV2(v1), { dryRun: dry === 'server', fieldManager: String(flags['field-manager']) });
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
