/**
 * Label and field selectors, parsed as the API server parses them
 * (k8s.io/apimachinery/pkg/labels and /fields).
 */
import type { LabelSelector } from 'kubernetes-types/meta/v1.js';

export type Requirement =
  | { key: string; op: '=' | '!='; value: string }
  | { key: string; op: 'in' | 'notin'; values: string[] }
  | { key: string; op: 'exists' | '!' };

export type Selector = Requirement[];

export type ParseResult<T> = { ok: true; value: T } | { ok: false; error: string };

/** Parse `app=web,tier!=db,env in (a,b),!legacy,release`. */
export function parseLabelSelector(text: string): ParseResult<Selector> {
  const reqs: Requirement[] = [];
  const s = text.trim();
  if (s === '') return { ok: true, value: [] };
  let i = 0;
  const skipWs = () => {
    while (i < s.length && /\s/.test(s[i]!)) i++;
  };
  const readKey = (): string => {
    const start = i;
    while (i < s.length && /[A-Za-z0-9._\-/]/.test(s[i]!)) i++;
    return s.slice(start, i);
  };
  while (i < s.length) {
    skipWs();
    let negate = false;
    if (s[i] === '!') {
      negate = true;
      i++;
      skipWs();
    }
    const key = readKey();
    if (!key) return { ok: false, error: `unable to parse requirement: found '${s[i] ?? ''}', expected: identifier` };
    skipWs();
    if (negate) {
      reqs.push({ key, op: '!' });
    } else if (i >= s.length || s[i] === ',') {
      reqs.push({ key, op: 'exists' });
    } else if (s.startsWith('==', i) || s.startsWith('!=', i) || s[i] === '=') {
      const op = s.startsWith('!=', i) ? '!=' : '=';
      i += s.startsWith('==', i) || s.startsWith('!=', i) ? 2 : 1;
      skipWs();
      const value = readKey();
      if (value !== '' && !isLabelValue(value)) return { ok: false, error: `invalid label value: "${value}"` };
      reqs.push({ key, op, value });
    } else {
      const word = /^(notin|in)\b/.exec(s.slice(i));
      if (!word) return { ok: false, error: `unable to parse requirement: found '${s.slice(i).split(/[\s,]/)[0]}', expected: in, notin, =, ==, !=, gt, lt` };
      const op = word[1] as 'in' | 'notin';
      i += op.length;
      skipWs();
      if (s[i] !== '(') return { ok: false, error: `unable to parse requirement: found '${s[i] ?? ''}', expected: '('` };
      const close = s.indexOf(')', i);
      if (close < 0) return { ok: false, error: "unable to parse requirement: found '', expected: ')'" };
      const values = s
        .slice(i + 1, close)
        .split(',')
        .map((v) => v.trim())
        .filter((v) => v !== '');
      i = close + 1;
      reqs.push({ key, op, values });
    }
    skipWs();
    if (i < s.length) {
      if (s[i] !== ',') return { ok: false, error: `unable to parse requirement: found '${s[i]}', expected: ','` };
      i++;
    }
  }
  return { ok: true, value: reqs };
}

function isLabelValue(v: string): boolean {
  return v.length <= 63 && /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/.test(v);
}

/** A metav1.LabelSelector (matchLabels + matchExpressions) as requirements. */
export function fromLabelSelector(sel: LabelSelector | undefined | null): Selector {
  const reqs: Requirement[] = [];
  if (!sel) return reqs;
  for (const [key, value] of Object.entries(sel.matchLabels ?? {})) reqs.push({ key, op: '=', value });
  for (const e of sel.matchExpressions ?? []) {
    switch (e.operator) {
      case 'In':
        reqs.push({ key: e.key, op: 'in', values: e.values ?? [] });
        break;
      case 'NotIn':
        reqs.push({ key: e.key, op: 'notin', values: e.values ?? [] });
        break;
      case 'Exists':
        reqs.push({ key: e.key, op: 'exists' });
        break;
      case 'DoesNotExist':
        reqs.push({ key: e.key, op: '!' });
        break;
      default:
        // Validation rejects unknown operators; an unknown one here matches nothing.
        reqs.push({ key: e.key, op: 'in', values: [] });
    }
  }
  return reqs;
}

/** An empty LabelSelector object selects everything; a null one selects nothing (callers decide). */
export function matchesLabels(selector: Selector, labels: Record<string, string> | undefined): boolean {
  const l = labels ?? {};
  for (const r of selector) {
    const has = Object.prototype.hasOwnProperty.call(l, r.key);
    const v = l[r.key];
    switch (r.op) {
      case '=':
        if (!has || v !== r.value) return false;
        break;
      case '!=':
        if (has && v === r.value) return false;
        break;
      case 'in':
        if (!has || !r.values.includes(v!)) return false;
        break;
      case 'notin':
        if (has && r.values.includes(v!)) return false;
        break;
      case 'exists':
        if (!has) return false;
        break;
      case '!':
        if (has) return false;
        break;
    }
  }
  return true;
}

export function selectorToString(selector: Selector): string {
  return selector
    .map((r) => {
      switch (r.op) {
        case '=':
          return `${r.key}=${r.value}`;
        case '!=':
          return `${r.key}!=${r.value}`;
        case 'in':
          return `${r.key} in (${r.values.join(',')})`;
        case 'notin':
          return `${r.key} notin (${r.values.join(',')})`;
        case 'exists':
          return r.key;
        case '!':
          return `!${r.key}`;
      }
    })
    .join(',');
}

// ---- field selectors ----

export interface FieldRequirement {
  field: string;
  op: '=' | '!=';
  value: string;
}

export function parseFieldSelector(text: string): ParseResult<FieldRequirement[]> {
  const out: FieldRequirement[] = [];
  if (text.trim() === '') return { ok: true, value: out };
  for (const part of text.split(',')) {
    const m = /^\s*([^=!\s]+)\s*(==|=|!=)\s*(.*?)\s*$/.exec(part);
    if (!m) return { ok: false, error: `invalid selector: '${text}'; can't understand '${part}'` };
    out.push({ field: m[1]!, op: m[2] === '!=' ? '!=' : '=', value: m[3]! });
  }
  return { ok: true, value: out };
}

export function matchesFields(reqs: FieldRequirement[], get: (field: string) => string | undefined): boolean {
  for (const r of reqs) {
    const v = get(r.field) ?? '';
    if (r.op === '=' ? v !== r.value : v === r.value) return false;
  }
  return true;
}
