/** The lesson slot: the lessons issue puts a title and lines in `controller.lesson`. */
import { memo } from 'react';
import { Box, Text } from 'ink';
import { useStore } from './external-store.js';
import type { SessionController } from './session-controller.js';
import { PaneTitle } from './pane-title.js';

export const LessonPanel = memo(function LessonPanel({ controller, width, height }: { controller: SessionController; width: number; height: number }) {
  const lesson = useStore(controller.lesson);
  if (!lesson || height <= 0) return null;
  return (
    <Box flexDirection="column" height={height} width={width} overflow="hidden">
      <PaneTitle title={`Lesson: ${lesson.title}`} width={width} />
      {lesson.lines.slice(0, height - 1).map((l, i) => (
        <Text key={i} wrap="truncate-end">
          {l}
        </Text>
      ))}
    </Box>
  );
});
