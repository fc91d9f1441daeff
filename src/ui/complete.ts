/**
 * Tab completion over what the command layer knows: command names, kubectl
 * verbs, resource types from the cluster's registry (names, short names),
 * object names from the store, namespaces, flags. Until the command layer
 * ships its own completion data, the verb and flag lists live here.
 */
import type { Shell } from '../commands/shell.js';
import type { Session } from '../commands/session.js';
import { tokenize } from '../commands/tokenize.js';
import { listStored } from './cluster-snapshot.js';

export const KUBECTL_VERBS = [
  'annotate', 'api-resources', 'api-versions', 'apply', 'auth', 'autoscale', 'cluster-info', 'config', 'cordon', 'create', 'delete', 'describe', 'diff',
  'drain', 'edit', 'events', 'exec', 'explain', 'expose', 'get', 'label', 'logs', 'patch', 'port-forward', 'replace', 'rollout', 'run', 'scale', 'set',
  'taint', 'top', 'uncordon', 'version', 'wait',
];
const CREATE_KINDS = ['clusterrole', 'clusterrolebinding', 'configmap', 'cronjob', 'deployment', 'ingress', 'job', 'namespace', 'poddisruptionbudget', 'priorityclass', 'quota', 'role', 'rolebinding', 'secret', 'service', 'serviceaccount'];
const ROLLOUT = ['history', 'pause', 'restart', 'resume', 'status', 'undo'];
const TAKES_TYPE = new Set(['get', 'describe', 'delete', 'edit', 'label', 'annotate', 'patch', 'scale', 'explain', 'wait', 'autoscale', 'expose', 'logs', 'exec', 'cordon', 'uncordon', 'drain', 'taint']);
const NODE_VERBS = new Set(['cordon', 'uncordon', 'drain']);
const POD_VERBS = new Set(['logs', 'exec', 'port-forward']);
const FLAGS = ['--all-namespaces', '--context', '--dry-run=client', '--field-selector', '--filename', '--force', '--grace-period', '--image', '--namespace', '--output', '--port', '--replicas', '--selector', '--show-labels', '--timeout', '--for', '--watch', '-A', '-f', '-l', '-n', '-o', '-w'];
const CLOCK = ['advance', 'pause', 'resume', 'speed', 'status', 'step'];

export interface Completion {
  /** Start of the word being completed (index into the line). */
  start: number;
  /** Candidates for that word, sorted. */
  candidates: string[];
}

export function complete(line: string, cursor: number, shell: Shell, session: Session): Completion {
  const before = line.slice(0, cursor);
  const m = /(\S*)$/.exec(before)!;
  const word = m[1] ?? '';
  const start = cursor - word.length;
  const t = tokenize(before.slice(0, start));
  const words = t.ok ? t.words : [];
  const pick = (all: Iterable<string>) => [...new Set(all)].filter((c) => c.startsWith(word)).sort();
  if (words.length === 0) return { start, candidates: pick(shell.commands.flatMap((c) => [c.name, ...(c.aliases ?? [])])) };
  const cmd = shell.find(words[0]!);
  if (cmd?.name === 'clock') return { start, candidates: words.length === 1 ? pick(CLOCK) : words[1] === 'speed' ? pick(['1x', '2x', '5x', '10x', '30x', '60x']) : [] };
  if (cmd?.name !== 'kubectl') return { start, candidates: [] };
  return { start, candidates: pick(kubectlCandidates(words.slice(1), word, session)) };
}

function kubectlCandidates(args: string[], word: string, session: Session): string[] {
  const cluster = session.cluster();
  const prevFlag = args[args.length - 1];
  const positional = args.filter((a, i) => !a.startsWith('-') && !(i > 0 && /^(-n|--namespace|-o|--output|-l|--selector|-f|--filename|--context|--image|--replicas)$/.test(args[i - 1]!)));
  const nsIdx = args.findIndex((a) => a === '-n' || a === '--namespace');
  const namespace = nsIdx >= 0 ? (args[nsIdx + 1] ?? session.namespace()) : session.namespace();
  const namespaces = () => (cluster ? listStored(cluster, '', 'namespaces').map((n) => n.metadata?.name ?? '') : []);
  const names = (type: string) => {
    const def = cluster?.registry.resolve(type);
    if (!cluster || !def) return [];
    return listStored(cluster, def.group, def.plural)
      .filter((o) => !def.namespaced || o.metadata?.namespace === namespace)
      .map((o) => o.metadata?.name ?? '');
  };
  if (prevFlag === '-n' || prevFlag === '--namespace') return namespaces();
  if (prevFlag === '-o' || prevFlag === '--output') return ['json', 'name', 'wide', 'yaml', 'jsonpath=', 'custom-columns='];
  if (word.startsWith('-')) return FLAGS;
  const verb = positional[0];
  if (verb === undefined) return KUBECTL_VERBS;
  if (verb === 'create' && positional.length === 1) return CREATE_KINDS;
  if (verb === 'rollout' && positional.length === 1) return ROLLOUT;
  if (NODE_VERBS.has(verb)) return names('nodes');
  if (POD_VERBS.has(verb)) return names('pods');
  if (!TAKES_TYPE.has(verb) && verb !== 'rollout') return [];
  const typeWord = verb === 'rollout' ? positional[2] : positional[1];
  const slash = word.indexOf('/');
  if (slash > 0) return names(word.slice(0, slash)).map((n) => `${word.slice(0, slash)}/${n}`);
  if (typeWord === undefined) {
    const defs = cluster?.registry.all() ?? [];
    return defs.flatMap((d) => [d.plural, d.singular, ...(d.shortNames ?? [])]);
  }
  return names(typeWord);
}
