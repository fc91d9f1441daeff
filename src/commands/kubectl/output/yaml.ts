/**
 * YAML as kubectl prints it: sigs.k8s.io/yaml turns the object's JSON into
 * go-yaml v2 output. That means map keys in go-yaml's natural order (digit
 * runs compared as numbers, non-letters before letters), sequences not
 * indented under their key, `{}` / `[]` for empty collections, strings that
 * would read back as something else ("true", "80", timestamps, "") double
 * quoted, indicator characters single quoted, multi-line strings as literal
 * blocks, and long scalars folded at the first space past column 80.
 */

const BEST_WIDTH = 80;

/** go-yaml v2's keyList.Less for string keys. */
export function goKeyLess(a: string, b: string): boolean {
  const ascii = ASCII.test(a) && ASCII.test(b);
  const ar = ascii ? a : [...a];
  const br = ascii ? b : [...b];
  for (let i = 0; i < ar.length && i < br.length; i++) {
    if (ar[i] === br[i]) continue;
    const al = isLetter(ar[i]!);
    const bl = isLetter(br[i]!);
    if (al && bl) return ar[i]! < br[i]!;
    if (al || bl) return bl;
    let an = 0;
    let bn = 0;
    if (ar[i] === '0' || br[i] === '0') {
      for (let j = i - 1; j >= 0 && isDigit(ar[j]!); j--) {
        if (ar[j] !== '0') {
          an = 1;
          bn = 1;
          break;
        }
      }
    }
    let ai = i;
    for (; ai < ar.length && isDigit(ar[ai]!); ai++) an = an * 10 + (ar[ai]!.charCodeAt(0) - 48);
    let bi = i;
    for (; bi < br.length && isDigit(br[bi]!); bi++) bn = bn * 10 + (br[bi]!.charCodeAt(0) - 48);
    if (an !== bn) return an < bn;
    if (ai !== bi) return ai < bi;
    return ar[i]! < br[i]!;
  }
  return ar.length < br.length;
}

// eslint-disable-next-line no-control-regex
const ASCII = /^[\x00-\x7f]*$/;
const isLetter = (c: string) => ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ? true : c < '\x80' ? false : /\p{L}/u.test(c));
const isDigit = (c: string) => c >= '0' && c <= '9';

export function goKeyCompare(a: string, b: string): number {
  return goKeyLess(a, b) ? -1 : goKeyLess(b, a) ? 1 : 0;
}

const BOOLS = new Set(['y', 'Y', 'yes', 'Yes', 'YES', 'n', 'N', 'no', 'No', 'NO', 'true', 'True', 'TRUE', 'false', 'False', 'FALSE', 'on', 'On', 'ON', 'off', 'Off', 'OFF']);
const NULLS = new Set(['', '~', 'null', 'Null', 'NULL']);
const SPECIAL_FLOATS = new Set(['.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF', '-.inf', '-.Inf', '-.INF', '.nan', '.NaN', '.NAN']);

/** Would go-yaml read this plain scalar as something other than a string? */
export function resolvesNonString(s: string): boolean {
  if (NULLS.has(s) || BOOLS.has(s) || SPECIAL_FLOATS.has(s) || s === '<<') return true;
  const c = s[0] ?? '';
  if (!/[-+.0-9]/.test(c)) return false;
  const plain = s.replace(/_/g, '');
  if (/^[-+]?(0x[0-9a-fA-F]+|0o[0-7]+|0b[01]+|[0-9]+)$/.test(plain)) return true;
  if (/^[-+]?(\d+\.?\d*([eE][-+]?\d+)?|\.\d+([eE][-+]?\d+)?|inf|infinity|nan)$/i.test(plain)) return true;
  if (/^[-+]?0x[0-9a-fA-F]*\.?[0-9a-fA-F]*p[-+]?\d+$/i.test(plain)) return true;
  if (/^\d{4}-\d{1,2}-\d{1,2}([Tt ]\d{1,2}:\d{1,2}:\d{1,2}(\.\d+)?(Z|[-+]\d{2}:\d{2})?)?$/.test(s)) return true;
  if (/^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/.test(s)) return true;
  return false;
}

const isBreak = (c: string) => c === '\n' || c === '\r' || c === '\u0085' || c === '\u2028' || c === '\u2029';
const isBlankz = (c: string | undefined) => c === undefined || c === ' ' || c === '\t' || isBreak(c);

function isPrintable(c: string): boolean {
  const cp = c.codePointAt(0)!;
  return cp === 0x0a || (cp >= 0x20 && cp <= 0x7e) || (cp >= 0xa0 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd && cp !== 0xfeff);
}

interface Analysis {
  flowPlain: boolean;
  blockPlain: boolean;
  singleQuoted: boolean;
  block: boolean;
  multiline: boolean;
}

/** libyaml's yaml_emitter_analyze_scalar. */
function analyze(s: string): Analysis {
  if (s === '') return { flowPlain: false, blockPlain: true, singleQuoted: true, block: false, multiline: false };
  const ch = [...s];
  let flowInd = false;
  let blockInd = false;
  if (s.startsWith('---') || s.startsWith('...')) flowInd = blockInd = true;
  let lineBreaks = false;
  let special = false;
  let leadingSpace = false;
  let leadingBreak = false;
  let trailingSpace = false;
  let trailingBreak = false;
  let breakSpace = false;
  let spaceBreak = false;
  let precededByWs = true;
  let prevSpace = false;
  let prevBreak = false;
  for (let i = 0; i < ch.length; i++) {
    const c = ch[i]!;
    const followedByWs = isBlankz(ch[i + 1]);
    if (i === 0) {
      if ('#,[]{}&*!|>\'"%@`'.includes(c)) flowInd = blockInd = true;
      if (c === '?' || c === ':') {
        flowInd = true;
        if (followedByWs) blockInd = true;
      }
      if (c === '-' && followedByWs) flowInd = blockInd = true;
    } else {
      if (',?[]{}'.includes(c)) flowInd = true;
      if (c === ':') {
        flowInd = true;
        if (followedByWs) blockInd = true;
      }
      if (c === '#' && precededByWs) flowInd = blockInd = true;
    }
    if (!isPrintable(c)) special = true;
    if (isBreak(c)) lineBreaks = true;
    if (c === ' ') {
      if (i === 0) leadingSpace = true;
      if (i === ch.length - 1) trailingSpace = true;
      if (prevBreak) breakSpace = true;
      prevSpace = true;
      prevBreak = false;
    } else if (isBreak(c)) {
      if (i === 0) leadingBreak = true;
      if (i === ch.length - 1) trailingBreak = true;
      if (prevSpace) spaceBreak = true;
      prevBreak = true;
      prevSpace = false;
    } else {
      prevSpace = false;
      prevBreak = false;
    }
    precededByWs = isBlankz(c);
  }
  const a: Analysis = { flowPlain: true, blockPlain: true, singleQuoted: true, block: true, multiline: lineBreaks };
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) a.flowPlain = a.blockPlain = false;
  if (trailingSpace) a.block = false;
  if (breakSpace) a.flowPlain = a.blockPlain = a.singleQuoted = false;
  if (spaceBreak || special) a.flowPlain = a.blockPlain = a.singleQuoted = a.block = false;
  if (lineBreaks) a.flowPlain = a.blockPlain = false;
  if (flowInd) a.flowPlain = false;
  if (blockInd) a.blockPlain = false;
  return a;
}

type Style = 'plain' | 'single' | 'double' | 'literal';

const SIMPLE = /^[A-Za-z_][A-Za-z0-9_./-]*$/;

function styleFor(s: string, simpleKey: boolean): Style {
  if (SIMPLE.test(s) && !resolvesNonString(s)) return 'plain';
  const a = analyze(s);
  let style: Style = s.includes('\n') ? 'literal' : resolvesNonString(s) ? 'double' : 'plain';
  if (style === 'plain' && (!a.blockPlain || (s === '' && simpleKey))) style = 'single';
  if (style === 'single' && !a.singleQuoted) style = 'double';
  if (style === 'literal' && (!a.block || simpleKey)) style = 'double';
  return style;
}

class Emitter {
  out = '';
  column = 0;

  write(s: string): void {
    this.out += s;
    const nl = s.indexOf('\n') >= 0 ? s.lastIndexOf('\n') : -1;
    const tail = nl >= 0 ? s.slice(nl + 1) : s;
    const w = ASCII.test(tail) ? tail.length : [...tail].length;
    this.column = nl >= 0 ? w : this.column + w;
  }

  indent(n: number): void {
    this.out += '\n' + ' '.repeat(n);
    this.column = n;
  }

  /** A scalar after `key:` or `-` (a leading space is written here), continuing at `indent`. */
  scalar(s: string, indent: number, simpleKey = false): void {
    const style = styleFor(s, simpleKey);
    const lead = simpleKey ? '' : ' ';
    switch (style) {
      case 'plain':
        this.write(lead);
        this.folded(s, indent, !simpleKey, false);
        return;
      case 'single':
        this.write(`${lead}'`);
        this.folded(s.replace(/'/g, "''"), indent, !simpleKey, true);
        this.write("'");
        return;
      case 'double':
        this.write(`${lead}"`);
        this.doubleQuoted(s, indent, !simpleKey);
        this.write('"');
        return;
      case 'literal':
        this.literal(s, indent);
    }
  }

  /** Plain and single-quoted text: break at a single space once past the width. */
  private folded(s: string, indent: number, allowBreaks: boolean, quoted: boolean): void {
    if (!allowBreaks || !s.includes(' ') || this.column + s.length <= BEST_WIDTH) {
      this.write(s);
      return;
    }
    const ch = [...s];
    let spaces = false;
    for (let i = 0; i < ch.length; i++) {
      const c = ch[i]!;
      if (c === ' ') {
        const inner = !quoted || (i > 0 && i < ch.length - 1);
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && inner && ch[i + 1] !== ' ') this.indent(indent);
        else this.write(c);
        spaces = true;
      } else {
        this.write(c);
        spaces = false;
      }
    }
  }

  private doubleQuoted(s: string, indent: number, allowBreaks: boolean): void {
    const ch = [...s];
    let spaces = false;
    for (let i = 0; i < ch.length; i++) {
      const c = ch[i]!;
      if (!isPrintable(c) || c === '\ufeff' || isBreak(c) || c === '"' || c === '\\') {
        this.write(escape(c));
        spaces = false;
      } else if (c === ' ') {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && i > 0 && i < ch.length - 1) {
          this.indent(indent);
          if (ch[i + 1] === ' ') this.write('\\');
        } else this.write(c);
        spaces = true;
      } else {
        this.write(c);
        spaces = false;
      }
    }
  }

  private literal(s: string, indent: number): void {
    let hints = '';
    if (s[0] === ' ' || isBreak(s[0] ?? '')) hints += '2';
    if (!s.endsWith('\n')) hints += '-';
    else if (s === '\n' || s.endsWith('\n\n')) hints += '+';
    this.write(` |${hints}`);
    const body = s.endsWith('\n') ? s.slice(0, -1) : s;
    for (const line of body.split('\n')) {
      if (line === '') {
        this.out += '\n';
        this.column = 0;
      } else {
        this.indent(indent);
        this.write(line);
      }
    }
  }
}

function escape(c: string): string {
  switch (c) {
    case '\0':
      return '\\0';
    case '\x07':
      return '\\a';
    case '\b':
      return '\\b';
    case '\t':
      return '\\t';
    case '\n':
      return '\\n';
    case '\x0b':
      return '\\v';
    case '\f':
      return '\\f';
    case '\r':
      return '\\r';
    case '\x1b':
      return '\\e';
    case '"':
      return '\\"';
    case '\\':
      return '\\\\';
    case '\u0085':
      return '\\N';
    case '\u00a0':
      return '\\_';
    case '\u2028':
      return '\\L';
    case '\u2029':
      return '\\P';
  }
  const cp = c.codePointAt(0)!;
  if (cp <= 0xff) return `\\x${cp.toString(16).toUpperCase().padStart(2, '0')}`;
  if (cp <= 0xffff) return `\\u${cp.toString(16).toUpperCase().padStart(4, '0')}`;
  return `\\U${cp.toString(16).toUpperCase().padStart(8, '0')}`;
}

/** strconv.FormatFloat(f, 'g', -1, 64) for the numbers JSON gives. */
function formatNumber(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return String(n);
  const exp = Math.floor(Math.log10(Math.abs(n)));
  if (exp < -4 || exp >= 21) {
    const [m, e] = n.toExponential().split('e') as [string, string];
    const sign = e.startsWith('-') ? '-' : '+';
    const digits = e.replace(/^[-+]/, '').padStart(2, '0');
    return `${m}e${sign}${digits}`;
  }
  return String(n);
}

function isEmptyCollection(v: unknown): boolean {
  return typeof v === 'object' && v !== null && (Array.isArray(v) ? v.length === 0 : Object.keys(v).filter((k) => (v as Record<string, unknown>)[k] !== undefined).length === 0);
}

function entries(o: Record<string, unknown>): [string, unknown][] {
  return Object.keys(o)
    .filter((k) => o[k] !== undefined)
    .sort(goKeyCompare)
    .map((k) => [k, o[k]]);
}

function emitValue(e: Emitter, v: unknown, indent: number): void {
  if (v === null || v === undefined) e.write(' null');
  else if (typeof v === 'boolean') e.write(v ? ' true' : ' false');
  else if (typeof v === 'number') e.write(` ${formatNumber(v)}`);
  else if (typeof v === 'string') e.scalar(v, indent);
  else if (isEmptyCollection(v)) e.write(Array.isArray(v) ? ' []' : ' {}');
  else if (Array.isArray(v)) emitSeq(e, v, indent - 2, false);
  else emitMap(e, v as Record<string, unknown>, indent, false);
}

/** A block mapping at `indent`; `inline` when its first key follows `- `. */
function emitMap(e: Emitter, o: Record<string, unknown>, indent: number, inline: boolean): void {
  entries(o).forEach(([k, v], i) => {
    if (!(inline && i === 0)) e.indent(indent);
    e.scalar(k, indent + 2, true);
    e.write(':');
    if (Array.isArray(v) && v.length > 0) emitSeq(e, v, indent, false);
    else emitValue(e, v, indent + 2);
  });
}

/** A block sequence whose dashes sit at `indent` (indentless under a mapping key). */
function emitSeq(e: Emitter, a: unknown[], indent: number, inline: boolean): void {
  a.forEach((v, i) => {
    if (!(inline && i === 0)) e.indent(indent);
    e.write('-');
    if (Array.isArray(v) && v.length > 0) {
      e.write(' ');
      emitSeq(e, v, indent + 2, true);
    } else if (typeof v === 'object' && v !== null && !Array.isArray(v) && !isEmptyCollection(v)) {
      e.write(' ');
      emitMap(e, v as Record<string, unknown>, indent + 2, true);
    } else emitValue(e, v, indent + 2);
  });
}

/** One YAML document as `kubectl get -o yaml` prints it (ends with a newline). */
export function toGoYaml(v: unknown): string {
  const e = new Emitter();
  if (typeof v === 'object' && v !== null && !isEmptyCollection(v)) {
    if (Array.isArray(v)) emitSeq(e, v, 0, true);
    else emitMap(e, v as Record<string, unknown>, 0, true);
    return e.out + '\n';
  }
  emitValue(e, v, 0);
  return e.out.slice(1) + '\n';
}
