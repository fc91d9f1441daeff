/**
 * The control-plane trace told as one-line stories: "kubectl created
 * Deployment web", "scheduler bound Pod web-x → node-1", "kubelet node-1:
 * pulling image nginx". Used by the TUI's trace pane and by `clock step`.
 */
import type { TraceEvent } from '../cluster/trace.js';

export interface Story {
  seq: number;
  time: number;
  /** `kubectl`, `scheduler`, `kubelet`, `deployment-controller`, … (the filter key). */
  component: string;
  /** Who did it, as shown: `kubelet aks-nodepool1-…-vmss000000`. */
  actor: string;
  text: string;
  level: 'info' | 'warn' | 'error';
  /** get/list/watch, and Event writes (the events view has them): hidden by default in the trace pane. */
  read: boolean;
}

const PAST: Record<string, string> = {
  create: 'created',
  update: 'updated',
  patch: 'patched',
  delete: 'deleted',
  deletecollection: 'deleted all',
  get: 'read',
  list: 'listed',
  watch: 'watches',
};

export type KindOf = (resource: string, group: string) => string | undefined;

function actorOf(user: string, component: string): string {
  if (user.startsWith('system:node:')) return `kubelet ${user.slice('system:node:'.length)}`;
  return component;
}

export function traceStory(e: TraceEvent, kindOf: KindOf = () => undefined): Story {
  if (e.type === 'note') {
    const warn = /\b(fail|error|backoff|unable|cannot|insufficient)/i.test(e.message);
    return { seq: e.seq, time: e.time, component: e.component, actor: e.component, text: e.message, level: warn ? 'warn' : 'info', read: false };
  }
  const actor = actorOf(e.user, e.component);
  const kind = kindOf(e.resource, e.group) ?? e.resource;
  const what = e.name ? `${kind} ${e.name}` : e.verb === 'list' || e.verb === 'watch' || e.verb === 'deletecollection' ? `${e.resource}` : kind;
  const where = e.namespace && (e.verb === 'list' || e.verb === 'watch') ? ` in ${e.namespace}` : '';
  let verbText = PAST[e.verb] ?? e.verb;
  let object = what;
  switch (e.subresource) {
    case undefined:
      break;
    case 'status':
      object = `status of ${what}`;
      break;
    case 'binding':
      verbText = 'bound';
      break;
    case 'eviction':
      verbText = 'evicted';
      break;
    case 'scale':
      verbText = e.verb === 'get' ? 'read scale of' : 'scaled';
      break;
    default:
      object = `${e.subresource} of ${what}`;
  }
  const dry = e.dryRun ? ' (dry run)' : '';
  const read = e.verb === 'get' || e.verb === 'list' || e.verb === 'watch' || (e.resource === 'events' && e.code < 400);
  if (e.code >= 400) {
    const stage = e.stage ? ` at ${e.stage}` : '';
    const attempted = `${e.verb}${e.subresource ? ` ${e.subresource}` : ''} ${what}`;
    return { seq: e.seq, time: e.time, component: e.component, actor, text: `${attempted}${where} rejected${stage}: ${e.code} ${e.reason ?? ''}${e.message ? ` ${e.message}` : ''}`.trim(), level: e.code >= 500 ? 'error' : 'warn', read };
  }
  return { seq: e.seq, time: e.time, component: e.component, actor, text: `${verbText} ${object}${where}${dry}`, level: 'info', read };
}

/** `actor text` on one line. */
export function storyLine(s: Story): string {
  return `${s.actor} ${s.text}`;
}

/** Simulated time as HH:MM:SS (UTC). */
export function clockTime(ms: number): string {
  return new Date(ms).toISOString().slice(11, 19);
}
