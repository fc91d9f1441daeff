/** `kubectl exec (POD | TYPE/NAME) [-c CONTAINER] [-i] [-t] -- COMMAND [args...]` through the kubelet's exec. */
import type { Verb } from './verb.js';
import { serverError } from './output.js';
import { containerFor, podFor } from './pod-for.js';

export const execVerb: Verb = {
  name: 'exec',
  short: 'Execute a command in a container',
  usage: 'kubectl exec (POD | TYPE/NAME) [-c CONTAINER] [flags] -- COMMAND [args...] [options]',
  flags: [
    { name: 'container', short: 'c', type: 'string' },
    { name: 'stdin', short: 'i', type: 'bool' },
    { name: 'tty', short: 't', type: 'bool' },
    { name: 'quiet', short: 'q', type: 'bool' },
    { name: 'filename', short: 'f', type: 'strings' },
    { name: 'pod-running-timeout', type: 'duration', default: '1m0s' },
  ],
  run(env) {
    const { ctx, flags } = env;
    const before = env.dashAt >= 0 ? env.args.slice(0, env.dashAt) : env.args;
    const command = env.dashAt >= 0 ? env.args.slice(env.dashAt) : [];
    if (before.length === 0) {
      ctx.err('error: pod, type/name or --filename must be specified');
      return 1;
    }
    if (before.length > 1) {
      ctx.err("error: exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead\nSee 'kubectl exec -h' for help and examples");
      return 1;
    }
    if (command.length === 0) {
      ctx.err('error: you must specify at least one command for the container');
      return 1;
    }
    const found = podFor(env, before[0]!, (msg) => `Error from server (NotFound): ${msg}`);
    if (!found.ok) {
      ctx.err(found.error);
      return 1;
    }
    const pod = found.pod;
    const phase = (pod.status as { phase?: string } | undefined)?.phase;
    if (phase === 'Succeeded' || phase === 'Failed') {
      ctx.err(`error: cannot exec into a container in a completed pod; current phase is ${phase}`);
      return 1;
    }
    const container = containerFor(env, pod, flags.container as string | undefined);
    const stdin = flags.stdin ? ctx.stdin : undefined;
    if (flags.stdin && flags.tty && stdin === undefined && ['sh', 'bash', '/bin/sh', '/bin/bash', 'ash'].includes(command[0]!) && command.length === 1) {
      ctx.err(`kubedojo: interactive shells are not simulated. Run one command at a time: kubectl exec ${pod.metadata?.name ?? ''} -- <command>`);
      return 1;
    }
    const r = env.client.subresource('create', 'pods', pod.metadata?.namespace, pod.metadata?.name ?? '', 'exec', { command, ...(stdin !== undefined ? { stdin } : {}) }, { params: { container: container ?? '', stdout: 'true', stderr: String(!flags.tty), ...(flags.stdin ? { stdin: 'true' } : {}), ...(flags.tty ? { tty: 'true' } : {}) } });
    if (!r.ok) {
      ctx.err(serverError(r.status));
      return 1;
    }
    const res = r.object as { stdout?: string; stderr?: string; exitCode?: number };
    if (res.stdout) ctx.out(res.stdout.replace(/\n$/, ''));
    if (res.stderr) ctx.err(res.stderr.replace(/\n$/, ''));
    const exit = res.exitCode ?? 0;
    if (exit !== 0) {
      ctx.err(`command terminated with exit code ${exit}`);
      return exit;
    }
    return 0;
  },
};
