/** The bottom line: key hints from the keymap, or the prompt's hint (completions, "press Ctrl-C again"). */
import { memo } from 'react';
import { Text } from 'ink';
import { useStore } from './external-store.js';
import { keyHints } from './keymap.js';
import type { SessionController } from './session-controller.js';

export const KeyHints = memo(function KeyHints({ controller, width }: { controller: SessionController; width: number }) {
  const hint = useStore(controller.editor, (e) => e.hint);
  return hint ? (
    <Text wrap="truncate-end" color="yellow">
      {hint}
    </Text>
  ) : (
    <Text wrap="truncate-end" dimColor>
      {keyHints(width)}
    </Text>
  );
});
