/**
 * Completion data for the TUI's Tab key: kubectl verbs and sub-verbs, resource
 * types (plural, singular, short names), object names of a type in the current
 * namespace, and the flags of the verb being typed. Pure reads through the API.
 */
import type { Session } from './session.js';
import type { KObject } from '../cluster/api/types.js';
import { VERBS, GLOBAL_FLAGS } from './kubectl/index.js';
import type { Verb } from './kubectl/verb.js';
import { tokenize } from './tokenize.js';

export interface Completion {
  /** The word being completed (what the candidates replace). */
  word: string;
  candidates: string[];
}

const byPrefix = (word: string, list: Iterable<string>) => [...new Set(list)].filter((c) => c.startsWith(word)).sort();

/** Resource type names kubectl accepts: plural, singular and short names. */
export function resourceTypes(session: Session): string[] {
  const cluster = session.cluster();
  if (!cluster) return [];
  return cluster.registry.all().flatMap((d) => [d.plural, d.singular, ...(d.shortNames ?? [])]);
}

/** Names of objects of a type in the current namespace (or cluster-scoped). */
export function objectNames(session: Session, type: string): string[] {
  const cluster = session.cluster();
  const client = session.client();
  const def = cluster?.registry.resolve(type);
  if (!cluster || !client || !def) return [];
  const gr = def.group ? `${def.plural}.${def.group}` : def.plural;
  return client.items<KObject>(gr, def.namespaced ? session.namespace() : undefined).map((o) => o.metadata?.name ?? '');
}

/** Candidates for the last word of `line` (a word in progress, or '' after a space). */
export function complete(session: Session, line: string, commands: string[] = ['kubectl', 'k']): Completion {
  const t = tokenize(line);
  const words = t.ok ? t.words : line.split(/\s+/).filter((w) => w !== '');
  const endsWithSpace = /\s$/.test(line) || line === '';
  const word = endsWithSpace ? '' : (words[words.length - 1] ?? '');
  const done = endsWithSpace ? words : words.slice(0, -1);
  if (done.length === 0) return { word, candidates: byPrefix(word, commands) };
  if (done[0] !== 'kubectl' && done[0] !== 'k') return { word, candidates: [] };
  let list: Verb[] = VERBS;
  let verb: Verb | undefined;
  const positional: string[] = [];
  for (const w of done.slice(1)) {
    if (w.startsWith('-')) continue;
    const sub = positional.length === 0 ? list.find((v) => v.name === w || v.aliases?.includes(w)) : undefined;
    if (sub) {
      verb = sub;
      list = sub.subcommands ?? [];
      continue;
    }
    positional.push(w);
  }
  if (word.startsWith('-')) {
    const flags = [...GLOBAL_FLAGS.filter((f) => !f.ignored), ...(verb?.flags ?? [])];
    return { word, candidates: byPrefix(word, flags.map((f) => `--${f.name}`)) };
  }
  if (positional.length === 0 && list.length > 0) {
    return { word, candidates: byPrefix(word, list.filter((v) => !v.hidden).map((v) => v.name)) };
  }
  if (!verb) return { word, candidates: [] };
  if (word.includes('/')) {
    const type = word.slice(0, word.indexOf('/'));
    return { word, candidates: byPrefix(word, objectNames(session, type).map((n) => `${type}/${n}`)) };
  }
  if (positional.length === 0) return { word, candidates: byPrefix(word, resourceTypes(session)) };
  return { word, candidates: byPrefix(word, objectNames(session, positional[0]!)) };
}
