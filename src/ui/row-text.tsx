/** One fixed-height line of coloured segments, cut at the pane's width. */
import { Text } from 'ink';
import type { Row } from './map-rows.js';

export function RowText({ row }: { row: Row }) {
  return (
    <Text wrap="truncate-end">
      {row.length === 0
        ? ' '
        : row.map((s, i) => (
            <Text key={i} color={s.color} dimColor={s.dim} bold={s.bold}>
              {s.text}
            </Text>
          ))}
    </Text>
  );
}
