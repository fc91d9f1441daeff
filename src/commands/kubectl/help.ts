/** kubectl's top-level help (`kubectl`, `kubectl --help`) and a verb's short help. */
import type { Verb } from './verb.js';

const GROUPS: [string, string[]][] = [
  ['Basic Commands (Beginner)', ['create', 'expose', 'run', 'set']],
  ['Basic Commands (Intermediate)', ['explain', 'get', 'edit', 'delete']],
  ['Deploy Commands', ['rollout', 'scale', 'autoscale']],
  ['Cluster Management Commands', ['certificate', 'cluster-info', 'top', 'cordon', 'uncordon', 'drain', 'taint']],
  ['Troubleshooting and Debugging Commands', ['describe', 'logs', 'attach', 'exec', 'port-forward', 'proxy', 'cp', 'auth', 'debug', 'events']],
  ['Advanced Commands', ['diff', 'apply', 'patch', 'replace', 'wait', 'kustomize']],
  ['Settings Commands', ['label', 'annotate', 'completion']],
];
const OTHER = ['api-resources', 'api-versions', 'config', 'plugin', 'version'];

export function kubectlHelp(verbs: Verb[]): string {
  const byName = new Map(verbs.map((v) => [v.name, v]));
  const line = (n: string) => `  ${n.padEnd(15)} ${byName.get(n)?.short ?? ''}`;
  const parts = ['kubectl controls the Kubernetes cluster manager.', '', ' Find more information at: https://kubernetes.io/docs/reference/kubectl/', ''];
  for (const [title, names] of GROUPS) {
    parts.push(`${title}:`, ...names.filter((n) => byName.has(n)).map(line), '');
  }
  parts.push('Subcommands provided by plugins:', '', 'Other Commands:', ...OTHER.filter((n) => byName.has(n)).map(line), '');
  parts.push('Usage:', '  kubectl [flags] [options]', '', 'Use "kubectl <command> --help" for more information about a given command.', 'Use "kubectl options" for a list of global command-line options (applies to all commands).');
  return parts.join('\n');
}

export function verbHelp(path: string, verb: Verb): string {
  const lines = [verb.short ?? path, ''];
  if (verb.subcommands?.length) {
    lines.push('Available Commands:', ...verb.subcommands.filter((s) => !s.hidden).map((s) => `  ${s.name.padEnd(21)} ${s.short ?? ''}`), '');
  }
  const flags = verb.flags.filter((f) => !f.ignored);
  if (flags.length > 0) {
    lines.push('Options:');
    for (const f of flags) lines.push(`    ${f.short ? `-${f.short}, ` : ''}--${f.name}${f.type === 'bool' ? '' : '=...'}${f.usage ? `:\n\t${f.usage}` : ''}`);
    lines.push('');
  }
  lines.push('Usage:', `  ${verb.usage ?? `kubectl ${path} [options]`}`, '', 'Use "kubectl options" for a list of global command-line options (applies to all commands).');
  return lines.join('\n');
}
