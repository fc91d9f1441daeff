/** The commands' output, exactly as `kubedojo run` prints it; wraps long lines, scrolls with PgUp/PgDn. */
import { memo } from 'react';
import { Box, Text } from 'ink';
import { useStore } from './external-store.js';
import type { OutputLine } from './output-buffer.js';
import type { SessionController } from './session-controller.js';

interface Visual {
  key: string;
  kind: OutputLine['kind'];
  text: string;
}

/** The visual rows that fit `height` rows of `width`, ending `scroll` lines above the newest. */
export function visibleRows(lines: readonly OutputLine[], scroll: number, width: number, height: number): Visual[] {
  const out: Visual[] = [];
  const w = Math.max(1, width);
  for (let i = lines.length - 1 - scroll; i >= 0 && out.length < height; i--) {
    const l = lines[i]!;
    const parts: string[] = [];
    for (let p = 0; p < Math.max(1, l.text.length); p += w) parts.push(l.text.slice(p, p + w));
    for (let j = parts.length - 1; j >= 0 && out.length < height; j--) out.unshift({ key: `${l.id}.${j}`, kind: l.kind, text: parts[j]! });
  }
  return out;
}

const COLOR: Record<OutputLine['kind'], string | undefined> = { cmd: 'cyan', out: undefined, err: 'red', note: 'gray' };

export const OutputPane = memo(function OutputPane({ controller, width, height }: { controller: SessionController; width: number; height: number }) {
  const state = useStore(controller.output);
  const scrolled = state.scroll > 0;
  const rows = visibleRows(state.lines, state.scroll, width, scrolled ? height - 1 : height);
  return (
    <Box flexDirection="column" height={height} width={width} overflow="hidden" justifyContent="flex-end">
      {rows.map((r) => (
        <Text key={r.key} wrap="truncate-end" color={COLOR[r.kind]} bold={r.kind === 'cmd'}>
          {r.text === '' ? ' ' : r.text}
        </Text>
      ))}
      {scrolled && (
        <Text wrap="truncate-end" inverse>
          {` ↑ scrolled up ${state.scroll} line${state.scroll === 1 ? '' : 's'} · PgDn to go back `}
        </Text>
      )}
    </Box>
  );
});
