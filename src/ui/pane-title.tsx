/** A pane's title line: `── Title · details ─────`. */
import { Text } from 'ink';

export function PaneTitle({ title, detail, width }: { title: string; detail?: string; width: number }) {
  const head = `── ${title}${detail ? ` · ${detail}` : ''} `;
  return (
    <Text wrap="truncate-end" dimColor>
      <Text bold>{`── ${title}`}</Text>
      {head.slice(3 + title.length)}
      {'─'.repeat(Math.max(0, width - head.length))}
    </Text>
  );
}
