/**
 * The whole screen: status bar, cluster map, control-plane trace (or events),
 * lesson slot, output, prompt and key hints. Sizes come from the layout; the
 * frame is never taller than the terminal. Keys go to the session controller.
 */
import { useCallback, type ReactNode } from 'react';
import { Box, Text, useInput, useStdin, type Key } from 'ink';
import { computeLayout, MIN_COLS, MIN_ROWS } from './layout.js';
import { useTerminalSize } from './terminal-size.js';
import { useStore } from './external-store.js';
import type { SessionController } from './session-controller.js';
import { ClusterMap } from './cluster-map.js';
import { TracePane } from './trace-pane.js';
import { OutputPane } from './output-pane.js';
import { Prompt } from './prompt.js';
import { StatusBar } from './status-bar.js';
import { KeyHints } from './key-hints.js';
import { LessonPanel } from './lesson-panel.js';
import { ErrorBoundary } from './error-boundary.js';

function KeyInput({ controller }: { controller: SessionController }) {
  const { isRawModeSupported } = useStdin();
  const onKey = useCallback((input: string, key: Key) => controller.key(input, key), [controller]);
  useInput(onKey, { isActive: isRawModeSupported });
  return null;
}

export function App({ controller }: { controller: SessionController }) {
  const { cols, rows } = useTerminalSize();
  const hasLesson = useStore(controller.lesson, (l) => l !== undefined);
  const version = useStore(controller.feed.now);
  const L = computeLayout(cols, rows, { lesson: hasLesson });
  controller.pageSize = L.output;
  if (L.tooSmall) {
    return (
      <Box flexDirection="column" height={Math.min(2, L.height)} width={cols} overflow="hidden">
        <KeyInput controller={controller} />
        <Text wrap="truncate-end" color="yellow">{`terminal too small (${cols}×${rows}); kubedojo needs ${MIN_COLS}×${MIN_ROWS}`}</Text>
        {L.height >= 2 && <Prompt controller={controller} />}
      </Box>
    );
  }
  const pane = (name: string, height: number, node: ReactNode) => (
    <ErrorBoundary name={name} height={height} resetKey={version}>
      {node}
    </ErrorBoundary>
  );
  const map = pane('map', L.map, <ClusterMap controller={controller} width={L.wide ? L.rightWidth : cols} height={L.map} />);
  const trace = pane('trace', L.trace, <TracePane controller={controller} width={L.wide ? L.rightWidth : cols} height={L.trace} />);
  const lesson = L.lesson > 0 ? pane('lesson', L.lesson, <LessonPanel controller={controller} width={L.leftWidth} height={L.lesson} />) : null;
  const output = pane('output', L.output, <OutputPane controller={controller} width={L.leftWidth} height={L.output} />);
  const prompt = pane('prompt', 1, <Prompt controller={controller} />);
  return (
    <Box flexDirection="column" height={L.height} width={cols} overflow="hidden">
      <KeyInput controller={controller} />
      <Box height={1}>{pane('status bar', 1, <StatusBar controller={controller} />)}</Box>
      {L.wide ? (
        <Box flexDirection="row" height={L.height - 2}>
          <Box flexDirection="column" width={L.leftWidth}>
            {lesson}
            {output}
            <Box height={1}>{prompt}</Box>
          </Box>
          <Box width={1} />
          <Box flexDirection="column" width={L.rightWidth}>
            {map}
            {trace}
          </Box>
        </Box>
      ) : (
        <Box flexDirection="column" height={L.height - 2}>
          {map}
          {trace}
          {lesson}
          {output}
          <Box height={1}>{prompt}</Box>
        </Box>
      )}
      <Box height={1}>{pane('key hints', 1, <KeyHints controller={controller} width={cols} />)}</Box>
    </Box>
  );
}
