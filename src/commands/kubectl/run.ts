/**
 * `kubectl run NAME --image=image [--env="key=value"] [--port=port] [--dry-run=…] [--command] -- [COMMAND] [args...]`:
 * the pod generator, `--expose` (a Service next to it), and `-i/-t/--rm`.
 */
import type { Verb, KubectlEnv } from './verb.js';
import { DRY_RUN_FLAG, PRINT_FLAGS, printWritten, writeFlags } from './print-object.js';
import { serverError } from './output.js';
import { toGoYaml as goYaml } from './output/yaml.js';
import { goJson } from './go-json.js';
import { validImage } from './image.js';
import type { KObject } from '../../cluster/api/types.js';

function kv(list: string[], what: string): [string, string][] | string {
  const out: [string, string][] = [];
  for (const item of list) {
    const eq = item.indexOf('=');
    if (eq <= 0) return `error: invalid ${what}: ${item}`;
    out.push([item.slice(0, eq), item.slice(eq + 1)]);
  }
  return out;
}

const sorted = (e: [string, string][]) => Object.fromEntries([...e].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

export function podFor(env: KubectlEnv, name: string): KObject | string {
  const f = env.flags;
  const image = f.image as string;
  const restart = (f.restart as string) || 'Always';
  const labels = f.labels ? kv(String(f.labels).split(','), 'label spec') : ([['run', name]] as [string, string][]);
  if (typeof labels === 'string') return labels;
  const annotations = kv((f.annotations as string[]) ?? [], 'annotation');
  if (typeof annotations === 'string') return annotations;
  const envs = kv((f.env as string[]) ?? [], 'env');
  if (typeof envs === 'string') return envs;
  const rest = env.args.slice(1);
  const port = f.port as string | undefined;
  const container: Record<string, unknown> = { name, image };
  if (rest.length > 0) container[f.command ? 'command' : 'args'] = rest;
  if (port) container.ports = [{ containerPort: Number(port) }];
  if (envs.length > 0) container.env = envs.map(([n, v]) => ({ name: n, value: v }));
  container.resources = {};
  if (f['image-pull-policy']) container.imagePullPolicy = f['image-pull-policy'];
  if (f.stdin) {
    container.stdin = true;
    container.stdinOnce = !f['leave-stdin-open'];
  }
  if (f.tty) container.tty = true;
  if (f.privileged) container.securityContext = { privileged: true };
  const meta: Record<string, unknown> = { name };
  if (env.namespaceSet) meta.namespace = env.namespace;
  meta.creationTimestamp = null;
  meta.labels = sorted(labels);
  if (annotations.length > 0) meta.annotations = sorted(annotations);
  const spec: Record<string, unknown> = { containers: [container], restartPolicy: restart, dnsPolicy: 'ClusterFirst' };
  return { kind: 'Pod', apiVersion: 'v1', metadata: meta, spec, status: {} } as KObject;
}

function serviceFor(env: KubectlEnv, name: string, pod: KObject): KObject {
  const port = Number(env.flags.port);
  const meta: Record<string, unknown> = { name };
  if (env.namespaceSet) meta.namespace = env.namespace;
  meta.creationTimestamp = null;
  return { kind: 'Service', apiVersion: 'v1', metadata: meta, spec: { ports: [{ protocol: 'TCP', port, targetPort: port }], selector: pod.metadata?.labels }, status: { loadBalancer: {} } } as KObject;
}

export const runVerb: Verb = {
  name: 'run',
  short: 'Run a particular image on the cluster',
  usage: 'kubectl run NAME --image=image [--env="key=value"] [--port=port] [--dry-run=server|client] [--overrides=inline-json] [--command] -- [COMMAND] [args...] [options]',
  flags: [
    DRY_RUN_FLAG,
    ...PRINT_FLAGS,
    { name: 'image', type: 'string', usage: 'The image for the container to run.' },
    { name: 'command', type: 'bool', usage: 'If true and extra arguments are present, use them as the \'command\' field in the container, rather than the \'args\' field which is the default.' },
    { name: 'restart', type: 'string', default: 'Always', usage: 'The restart policy for this Pod.  Legal values [Always, OnFailure, Never].' },
    { name: 'env', type: 'stringArray', usage: 'Environment variables to set in the container.' },
    { name: 'labels', short: 'l', type: 'string', usage: 'Comma separated labels to apply to the pod. Will override previous values.' },
    { name: 'annotations', type: 'stringArray' },
    { name: 'port', type: 'string', usage: 'The port that this container exposes.' },
    { name: 'expose', type: 'bool', usage: 'If true, create a ClusterIP service associated with the pod.  Requires `--port`.' },
    { name: 'image-pull-policy', type: 'string' },
    { name: 'privileged', type: 'bool' },
    { name: 'stdin', short: 'i', type: 'bool' },
    { name: 'tty', short: 't', type: 'bool' },
    { name: 'attach', type: 'bool' },
    { name: 'rm', type: 'bool' },
    { name: 'leave-stdin-open', type: 'bool' },
    { name: 'quiet', short: 'q', type: 'bool' },
    { name: 'pod-running-timeout', type: 'duration', default: '1m0s' },
    { name: 'field-manager', type: 'string', default: 'kubectl-run' },
    { name: 'save-config', type: 'bool' },
    { name: 'overrides', type: 'string' },
  ],
  required: ['image'],
  run(env) {
    const { ctx, flags } = env;
    const name = env.dashAt === 0 ? undefined : env.args[0];
    const help = `\nSee 'kubectl run -h' for help and examples`;
    if (!name) {
      ctx.err(`error: NAME is required for run${help}`);
      return 1;
    }
    const wf = writeFlags(ctx, flags);
    if (!wf) return 1;
    const { dry, output } = wf;
    const attach = !!(flags.stdin || flags.tty || flags.attach);
    if (dry !== 'none' && attach) {
      ctx.err(`error: --dry-run=[server|client] can't be used with attached containers options (--attach, --stdin, or --tty)${help}`);
      return 1;
    }
    if (flags.rm && !attach) {
      ctx.err(`error: --rm should only be used for attached containers${help}`);
      return 1;
    }
    const restart = String(flags.restart);
    if (!['Always', 'OnFailure', 'Never'].includes(restart)) {
      ctx.err(`error: invalid restart policy: ${restart}${help}`);
      return 1;
    }
    if (flags.expose && !flags.port) {
      ctx.err(`error: --port must be set when exposing a service${help}`);
      return 1;
    }
    const image = String(flags.image);
    if (!validImage(image)) {
      ctx.err(`error: Invalid image name "${image}": invalid reference format`);
      return 1;
    }
    const pod = podFor(env, name);
    if (typeof pod === 'string') {
      ctx.err(pod);
      return 1;
    }
    const podDef = env.cluster.registry.get('', 'pods')!;
    const svcDef = env.cluster.registry.get('', 'services')!;
    const objects: [typeof podDef, KObject][] = [];
    if (flags.expose) objects.push([svcDef, serviceFor(env, name, pod)]);
    objects.push([podDef, pod]);
    if (dry === 'client') {
      if ((output === 'yaml' || output === 'json') && objects.length > 1) {
        // kubectl prints the service and the pod each as its own document, with a doubled separator.
        ctx.out(objects.map(([, o]) => (output === 'yaml' ? goYaml(o).replace(/\n$/, '') : goJson(o))).join(output === 'yaml' ? '\n---\n---\n' : '\n'));
        return 0;
      }
      for (const [def, o] of objects) printWritten(ctx, def, o, 'created', dry, output, false, true);
      return 0;
    }
    for (const [def, o] of objects) {
      const r = env.client.create(def.plural, env.namespace, o, { dryRun: dry === 'server', fieldManager: String(flags['field-manager']) });
      if (!r.ok) {
        ctx.err(serverError(r.status));
        return 1;
      }
      if (!attach) printWritten(ctx, def, r.object, 'created', dry, output);
    }
    if (attach) return attached(env, name);
    return 0;
  },
};

/** `-i`/`-t`: wait for the pod, then say plainly that the session itself is not simulated; `--rm` deletes the pod after. */
function attached(env: KubectlEnv, name: string): number {
  const { ctx, client } = env;
  const running = () => {
    const r = client.get('pods', env.namespace, name);
    const phase = r.ok ? (r.object.status as { phase?: string } | undefined)?.phase : undefined;
    return phase === 'Running' || phase === 'Succeeded' || phase === 'Failed';
  };
  const ok = ctx.world.advanceUntil(running, 60_000);
  if (!ok) {
    ctx.err(`error: timed out waiting for the condition`);
    return 1;
  }
  ctx.err(`kubedojo: interactive sessions are not simulated; pod/${name} is running. Run commands in it with "kubectl exec ${name} -- <command>".`);
  if (env.flags.rm) {
    const d = client.delete('pods', env.namespace, name, { propagationPolicy: 'Background', gracePeriodSeconds: 0 });
    if (d.ok) ctx.out(`pod "${name}" deleted`);
  }
  return 0;
}
