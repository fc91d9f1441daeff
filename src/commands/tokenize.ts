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
