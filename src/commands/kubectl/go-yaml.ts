/**
 * YAML as kubectl prints it (`-o yaml`): sigs.k8s.io/yaml turns the object's
 * JSON into go-yaml v2 output. That means: map keys in go-yaml's sort order,
 * indentless sequences under keys, strings quoted only when they would read
 * back as something else (`"1"`, `"yes"`, `"n"`, timestamps) or cannot be
 * plain (`'x: y'`), multi-line strings as `|`/`|-` blocks, and plain or
 * quoted strings folded at spaces past column 80.
 *
 * Note for kubectl-read (owner of output*): this is the serializer the
 * generators' golden tests need byte-for-byte; please reuse it for `get -o yaml`.
 */

const BEST_WIDTH = 80;

type Json = unknown;

export function goYaml(value: Json): string {
  const out: string[] = [];
  emitNode(value, 0, out, 'top');
  return out.join('');
}

/** go-yaml v2's keyList.Less for string keys: letters sort after non-letters; digit runs compare as numbers. */
export function goKeyLess(a: string, b: string): boolean {
  const ar = [...a];
  const br = [...b];
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
    let bi = i;
    for (; ai < ar.length && isDigit(ar[ai]!); ai++) an = an * 10 + Number(ar[ai]);
    for (; bi < br.length && isDigit(br[bi]!); bi++) bn = bn * 10 + Number(br[bi]);
    if (an !== bn) return an < bn;
    if (ai !== bi) return ai < bi;
    return ar[i]! < br[i]!;
  }
  return ar.length < br.length;
}

function isLetter(c: string): boolean {
  return /\p{L}/u.test(c);
}
function isDigit(c: string): boolean {
  return c >= '0' && c <= '9';
}

export function sortedKeys(o: Record<string, unknown>): string[] {
  return Object.keys(o)
    .filter((k) => o[k] !== undefined)
    .sort((x, y) => (goKeyLess(x, y) ? -1 : goKeyLess(y, x) ? 1 : 0));
}

const isObj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Emit a node that starts on the current line (after `key:` or `- `). `where` tells how the caller placed us. */
function emitNode(v: Json, indent: number, out: string[], where: 'top' | 'map' | 'seq'): void {
  if (isObj(v)) {
    const keys = sortedKeys(v);
    if (keys.length === 0) {
      out.push(where === 'top' ? '{}\n' : ' {}\n');
      return;
    }
    if (where === 'map') out.push('\n');
    keys.forEach((k, i) => {
      const pad = where === 'seq' && i === 0 ? '' : ' '.repeat(indent);
      const key = scalarText(k, indent, pad.length, true);
      out.push(`${pad}${key}:`);
      const child = v[k];
      if (Array.isArray(child) && child.length > 0) {
        out.push('\n');
        emitSeq(child, indent, out);
      } else if (isObj(child)) emitNode(child, indent + 2, out, 'map');
      else {
        const col = pad.length + key.length + 2;
        out.push(` ${scalarText(child, indent + 2, col)}\n`);
      }
    });
    return;
  }
  if (Array.isArray(v)) {
    if (v.length === 0) {
      out.push(where === 'top' ? '[]\n' : ' []\n');
      return;
    }
    if (where === 'map') out.push('\n');
    emitSeq(v, indent, out, where === 'seq');
    return;
  }
  const col = where === 'top' ? 0 : indent;
  out.push(`${where === 'top' ? '' : ' '}${scalarText(v, indent, col)}\n`);
}

function emitSeq(items: unknown[], indent: number, out: string[], firstInline = false): void {
  items.forEach((item, i) => {
    const pad = firstInline && i === 0 ? '' : ' '.repeat(indent);
    out.push(`${pad}-`);
    if (isObj(item) && sortedKeys(item).length > 0) {
      out.push(' ');
      emitNode(item, indent + 2, out, 'seq');
    } else if (Array.isArray(item) && item.length > 0) {
      out.push(' ');
      emitNode(item, indent + 2, out, 'seq');
    } else if (isObj(item)) out.push(' {}\n');
    else if (Array.isArray(item)) out.push(' []\n');
    else out.push(` ${scalarText(item, indent + 2, pad.length + 2)}\n`);
  });
}

/** A scalar's text. `indent` is where continuation lines go; `col` is the column the scalar starts at. */
function scalarText(v: Json, indent: number, col: number, isKey = false): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') return goNumber(v);
  const s = String(v);
  return stringText(s, indent, col, isKey);
}

function goNumber(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return String(n);
  if (n === Infinity) return '+Inf';
  if (n === -Infinity) return '-Inf';
  if (Number.isNaN(n)) return 'NaN';
  // strconv.FormatFloat(f, 'g', -1, 64): exponent for exp < -4 || exp >= 21 (shortest repr), with a sign and two digits.
  const e = n.toExponential();
  const [mant, exp] = e.split('e') as [string, string];
  const x = Number(exp);
  if (x < -4 || x >= 21) return `${mant}e${x < 0 ? '-' : '+'}${String(Math.abs(x)).padStart(2, '0')}`;
  return String(n);
}

function stringText(s: string, indent: number, col: number, isKey: boolean): string {
  if (s.includes('\n') && !isKey) {
    const a = analyze(s);
    if (a.blockAllowed) return literal(s, indent);
    return doubleQuoted(s, indent, col);
  }
  if (!resolvesToString(s) || isBase60Float(s)) return doubleQuoted(s, indent, col);
  const a = analyze(s);
  if (a.special) return doubleQuoted(s, indent, col);
  if (a.plainAllowed && !(isKey && a.multiline)) return folded(s, indent, col, false);
  return folded(s, indent, col, true);
}

interface Analysis {
  plainAllowed: boolean;
  blockAllowed: boolean;
  special: boolean;
  multiline: boolean;
}

/** yaml_emitter_analyze_scalar, for block context. */
function analyze(s: string): Analysis {
  if (s === '') return { plainAllowed: false, blockAllowed: false, special: false, multiline: false };
  let blockIndicators = false;
  let leadingSpace = false;
  let leadingBreak = false;
  let trailingSpace = false;
  let trailingBreak = false;
  let breakSpace = false;
  let spaceBreak = false;
  let previousSpace = false;
  let previousBreak = false;
  let special = false;
  let lineBreaks = false;
  if (s.startsWith('---') || s.startsWith('...')) blockIndicators = true;
  const chars = [...s];
  let precededByWhitespace = true;
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    const next = chars[i + 1];
    const followedByWhitespace = next === undefined || next === ' ' || next === '\t' || next === '\n' || next === '\r';
    if (i === 0) {
      if ('#,[]{}&*!|>\'"%@`'.includes(c)) blockIndicators = true;
      if ((c === '?' || c === ':') && followedByWhitespace) blockIndicators = true;
      if (c === '-' && followedByWhitespace) blockIndicators = true;
    } else {
      if (c === ':' && followedByWhitespace) blockIndicators = true;
      if (c === '#' && precededByWhitespace) blockIndicators = true;
    }
    if (!printable(c)) special = true;
    if (c === '\n' || c === '\r') lineBreaks = true;
    if (c === ' ') {
      if (i === 0) leadingSpace = true;
      if (i === chars.length - 1) trailingSpace = true;
      if (previousBreak) breakSpace = true;
      previousSpace = true;
      previousBreak = false;
    } else if (c === '\n' || c === '\r') {
      if (i === 0) leadingBreak = true;
      if (i === chars.length - 1) trailingBreak = true;
      if (previousSpace) spaceBreak = true;
      previousSpace = false;
      previousBreak = true;
    } else {
      previousSpace = false;
      previousBreak = false;
    }
    precededByWhitespace = c === ' ' || c === '\t' || c === '\n' || c === '\r';
  }
  let plainAllowed = true;
  let blockAllowed = true;
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) plainAllowed = false;
  if (trailingSpace) blockAllowed = false;
  if (breakSpace) plainAllowed = false;
  if (spaceBreak) {
    plainAllowed = false;
    blockAllowed = false;
  }
  if (special) blockAllowed = false;
  if (lineBreaks) plainAllowed = false;
  if (blockIndicators) plainAllowed = false;
  return { plainAllowed, blockAllowed, special, multiline: lineBreaks };
}

function printable(c: string): boolean {
  const cp = c.codePointAt(0)!;
  return (
    cp === 0x0a ||
    (cp >= 0x20 && cp <= 0x7e) ||
    cp === 0x85 ||
    (cp >= 0xa0 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd && cp !== 0xfeff) ||
    (cp >= 0x10000 && cp <= 0x10ffff)
  );
}

const BOOLS = new Set(['y', 'Y', 'yes', 'Yes', 'YES', 'n', 'N', 'no', 'No', 'NO', 'true', 'True', 'TRUE', 'false', 'False', 'FALSE', 'on', 'On', 'ON', 'off', 'Off', 'OFF']);
const NULLS = new Set(['', '~', 'null', 'Null', 'NULL']);
const SPECIAL_FLOATS = new Set(['.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF', '-.inf', '-.Inf', '-.INF', '.nan', '.NaN', '.NAN']);

/** go-yaml v2's resolve(): would this plain scalar read back as a string? */
function resolvesToString(s: string): boolean {
  if (BOOLS.has(s) || NULLS.has(s) || SPECIAL_FLOATS.has(s) || s === '<<') return false;
  const c = s[0]!;
  if (!('+-.0123456789'.includes(c))) return true;
  const plain = s.replace(/_/g, '');
  if (/^[-+]?(0|[1-9][0-9]*)$/.test(plain)) return false;
  if (/^[-+]?0[0-7]+$/.test(plain)) return false;
  if (/^[-+]?0x[0-9a-fA-F]+$/.test(plain)) return false;
  if (/^[-+]?0b[01]+$/.test(plain)) return false;
  if (/^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/.test(s)) return false;
  if (/^[0-9]/.test(s) && isTimestamp(s)) return false;
  return true;
}

function isTimestamp(s: string): boolean {
  return /^\d{4}-\d{1,2}-\d{1,2}$/.test(s) || /^\d{4}-\d{1,2}-\d{1,2}([Tt]|[ \t]+)\d{1,2}:\d{1,2}:\d{1,2}(\.\d*)?([ \t]*(Z|[-+]\d{1,2}(:\d{2})?))?$/.test(s);
}

function isBase60Float(s: string): boolean {
  return /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/.test(s);
}

/** Plain or single-quoted, folded at a space once past column 80 (never at two spaces in a row). */
function folded(s: string, indent: number, col: number, quoted: boolean): string {
  let out = quoted ? "'" : '';
  let column = col + (quoted ? 1 : 0);
  const chars = [...s];
  let spaces = false;
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    if (c === ' ') {
      const allowBreak = !quoted || (i !== 0 && i !== chars.length - 1);
      if (allowBreak && !spaces && column > BEST_WIDTH && chars[i + 1] !== ' ') {
        out += `\n${' '.repeat(indent)}`;
        column = indent;
      } else {
        out += c;
        column++;
      }
      spaces = true;
      continue;
    }
    spaces = false;
    if (quoted && c === "'") {
      out += "''";
      column += 2;
    } else {
      out += c;
      column++;
    }
  }
  return quoted ? `${out}'` : out;
}

function doubleQuoted(s: string, indent: number, col: number): string {
  let out = '"';
  let column = col + 1;
  const chars = [...s];
  let spaces = false;
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    const cp = c.codePointAt(0)!;
    if (!printable(c) || c === '"' || c === '\\' || c === '\n' || c === '\r' || cp === 0xfeff) {
      const esc = ESCAPES[c] ?? (cp <= 0xff ? `\\x${hex(cp, 2)}` : cp <= 0xffff ? `\\u${hex(cp, 4)}` : `\\U${hex(cp, 8)}`);
      out += esc;
      column += esc.length;
      spaces = false;
      continue;
    }
    if (c === ' ') {
      if (!spaces && column > BEST_WIDTH && i !== 0 && i !== chars.length - 1) {
        out += `\n${' '.repeat(indent)}`;
        column = indent;
        if (chars[i + 1] === ' ') {
          out += '\\';
          column++;
        }
      } else {
        out += c;
        column++;
      }
      spaces = true;
      continue;
    }
    spaces = false;
    out += c;
    column++;
  }
  return `${out}"`;
}

const ESCAPES: Record<string, string> = {
  '\0': '\\0',
  '\x07': '\\a',
  '\b': '\\b',
  '\t': '\\t',
  '\n': '\\n',
  '\x0b': '\\v',
  '\f': '\\f',
  '\r': '\\r',
  '\x1b': '\\e',
  '"': '\\"',
  '\\': '\\\\',
  '\x85': '\\N',
  '\xa0': '\\_',
  '\u2028': '\\L',
  '\u2029': '\\P',
};

function hex(n: number, w: number): string {
  return n.toString(16).toUpperCase().padStart(w, '0');
}

function literal(s: string, indent: number): string {
  let chomp = '-';
  if (s.endsWith('\n')) chomp = s.endsWith('\n\n') || s === '\n' ? '+' : '';
  const lead = s.startsWith(' ') || s.startsWith('\n') ? '2' : '';
  const body = (chomp === '-' ? s : s.replace(/\n$/, '')).split('\n');
  const pad = ' '.repeat(indent);
  return `|${lead}${chomp}\n${body.map((l) => (l === '' ? '' : pad + l)).join('\n')}`;
}
