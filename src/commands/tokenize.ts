/**
 * Shell-like word splitting for what learners type: single and double
 * quotes, backslash escapes, and `\` line continuation. Returns an error
 * (never throws) for an unterminated quote.
 */
export type Tokens = { ok: true; words: string[] } | { ok: false; error: string };

export function tokenize(line: string): Tokens {
  const words: string[] = [];
  let cur = '';
  let inWord = false;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quote === "'") {
      if (ch === "'") quote = undefined;
      else cur += ch;
      continue;
    }
    if (quote === '"') {
      if ((ch === '$' && line[i + 1] === '(') || ch === '`') return { ok: false, error: SUBSTITUTION };
      if (ch === '"') quote = undefined;
      else if (ch === '\\' && i + 1 < line.length && '"\\$`\n'.includes(line[i + 1]!)) {
        i++;
        if (line[i] !== '\n') cur += line[i];
      } else cur += ch;
      continue;
    }
    if (ch === '\\') {
      if (i + 1 < line.length) {
        i++;
        if (line[i] !== '\n') {
          cur += line[i];
          inWord = true;
        }
      }
      continue;
    }
    if (ch === "'" || ch === '"') {
      quote = ch;
      inWord = true;
      continue;
    }
    if (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r') {
      if (inWord) words.push(cur);
      cur = '';
      inWord = false;
      continue;
    }
    if (ch === '#' && !inWord) break;
    const unsupported = shellOperator(line, i);
    if (unsupported) return { ok: false, error: unsupported };
    cur += ch;
    inWord = true;
  }
  if (quote) return { ok: false, error: `unexpected EOF while looking for matching \`${quote}'` };
  if (inWord) words.push(cur);
  return { ok: true, words };
}

/** Quote a word for display so that tokenize() gives it back. */
export function quoteWord(w: string): string {
  if (w !== '' && /^[A-Za-z0-9_\-./=:,@%+]+$/.test(w)) return w;
  return `'${w.replace(/'/g, `'\\''`)}'`;
}

const SUBSTITUTION = 'command substitution ("$(…)" and backquotes) is not supported here; run the inner command on its own and use its output.';

/**
 * Shell operators the kubedojo prompt does not implement. Saying so beats
 * passing `|` or `>` to kubectl as if they were arguments.
 */
function shellOperator(line: string, i: number): string | undefined {
  const ch = line[i]!;
  const next = line[i + 1];
  if (ch === '$' && next === '(') return SUBSTITUTION;
  if (ch === '`') return SUBSTITUTION;
  if (ch === '|') return next === '|' ? '"||" is not supported here; run one command at a time.' : 'pipes ("|") are not supported here; run the command on its own (kubectl can filter with -l, --field-selector, -o jsonpath=… or -o custom-columns=…).';
  if (ch === '>' || (ch === '<' && next !== '<')) return 'redirection ("<", ">") is not supported here; output is shown on screen, and kubectl apply -f - reads a heredoc in run scripts.';
  if (ch === '<' && next === '<') return 'heredocs ("<<EOF") work in run scripts (kubedojo run), where the lines up to the end marker become the command\'s input.';
  if (ch === '&' && next === '&') return '"&&" is not supported here; run one command at a time.';
  if (ch === '&') return 'background jobs ("&") are not supported here.';
  if (ch === ';') return '";" is not supported here; run one command at a time.';
  return undefined;
}
