/**
 * Scripts for `kubedojo run`: one command a line, `#` comments, `\` line
 * continuation, and heredocs (`kubectl apply -f - <<EOF … EOF`) whose body
 * becomes the command's stdin.
 */
export interface ScriptLine {
  /** The command as typed (continuations joined), for the `$ …` echo. */
  text: string;
  stdin?: string;
  /** 1-based line number where the command starts. */
  line: number;
}

export function parseScript(source: string): ScriptLine[] {
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  const out: ScriptLine[] = [];
  for (let i = 0; i < lines.length; i++) {
    const start = i + 1;
    let text = lines[i]!;
    while (text.endsWith("\\") && i + 1 < lines.length) text = `${text.slice(0, -1).trimEnd()} ${lines[++i]!.trim()}`;
    const trimmed = text.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const here = /<<-?\s*(['"]?)([A-Za-z_][A-Za-z0-9_]*)\1\s*$/.exec(trimmed);
    if (here) {
      const marker = here[2]!;
      const body: string[] = [];
      while (i + 1 < lines.length && lines[i + 1]!.trim() !== marker) body.push(lines[++i]!);
      i++; // the end marker
      out.push({ text: trimmed.slice(0, here.index).trim(), stdin: body.join('\n') + '\n', line: start });
      continue;
    }
    out.push({ text: trimmed, line: start });
  }
  return out;
}
