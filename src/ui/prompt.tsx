/** The prompt line: `❯ ` and what is being typed, or the heredoc paste state. */
import { memo } from 'react';
import { Text } from 'ink';
import { useStore } from './external-store.js';
import type { SessionController } from './session-controller.js';
import { colorsEnabled } from './theme.js';

export const Prompt = memo(function Prompt({ controller }: { controller: SessionController }) {
  const { line, heredoc } = useStore(controller.editor);
  const before = line.value.slice(0, line.cursor);
  const at = line.value.slice(line.cursor, line.cursor + 1) || ' ';
  const after = line.value.slice(line.cursor + 1);
  const color = colorsEnabled();
  return (
    <Text wrap="truncate-start">
      {heredoc ? (
        <Text color="yellow">{`${heredoc.command} · ${heredoc.body.length} line${heredoc.body.length === 1 ? '' : 's'}, end with ${heredoc.marker} or ^D │ `}</Text>
      ) : (
        <Text color="green" bold>
          {'❯ '}
        </Text>
      )}
      {before}
      {color ? <Text inverse>{at}</Text> : <Text>{at === ' ' ? '_' : at}</Text>}
      {after}
    </Text>
  );
});
