/** The control-plane trace as one-line stories, newest last, filtered by component; or the events view. */
import { memo } from 'react';
import { Box, Text } from 'ink';
import { humanDuration } from '../cluster/api/table.js';
import { clockTime } from '../commands/trace-story.js';
import { useStore } from './external-store.js';
import type { SessionController } from './session-controller.js';
import { PaneTitle } from './pane-title.js';
import { componentColor, pad, shortNodeNames } from './theme.js';

type Props = { controller: SessionController; width: number; height: number };

export const TracePane = memo(function TracePane({ controller, width, height }: Props) {
  const view = useStore(controller.ui, (u) => u.view);
  return view === 'events' ? <EventsView controller={controller} width={width} height={height} /> : <TraceView controller={controller} width={width} height={height} />;
});

function TraceView({ controller, width, height }: Props) {
  const trace = useStore(controller.feed.trace);
  const component = useStore(controller.ui, (u) => u.component);
  const showReads = useStore(controller.ui, (u) => u.showReads);
  const body = Math.max(0, height - 1);
  const shown: typeof trace.stories[number][] = [];
  for (let i = trace.stories.length - 1; i >= 0 && shown.length < body; i--) {
    const s = trace.stories[i]!;
    if (!showReads && s.read) continue;
    if (component && s.component !== component && !s.actor.startsWith(component)) continue;
    shown.unshift(s);
  }
  const detail = `${component ?? 'all components'} (^R) · ^T events`;
  return (
    <Box flexDirection="column" height={height} width={width} overflow="hidden">
      <PaneTitle title="Control plane" detail={detail} width={width} />
      {shown.length === 0 && <Text dimColor>  nothing yet: API requests and component notes appear here</Text>}
      {shown.map((s) => (
        <Text key={s.seq} wrap="truncate-end">
          <Text dimColor>{clockTime(s.time)} </Text>
          <Text color={componentColor(s.actor)}>{shortNodeNames(s.actor)} </Text>
          <Text color={s.level === 'error' ? 'red' : s.level === 'warn' ? 'yellow' : undefined}>{shortNodeNames(s.text)}</Text>
        </Text>
      ))}
    </Box>
  );
}

function EventsView({ controller, width, height }: Props) {
  const rows = useStore(controller.feed.events);
  const now = useStore(controller.feed.now);
  const ns = useStore(controller.ui, (u) => u.namespace);
  const body = Math.max(0, height - 2);
  const shown = rows.filter((r) => ns === undefined || r.namespace === ns).slice(-body);
  return (
    <Box flexDirection="column" height={height} width={width} overflow="hidden">
      <PaneTitle title="Events" detail={`kubectl get events -w${ns ? ` -n ${ns}` : ' -A'} · ^T trace`} width={width} />
      <Text wrap="truncate-end" dimColor>
        {`${pad('LAST SEEN', 10)}${pad('TYPE', 8)}${pad('REASON', 18)}${pad('OBJECT', 34)}MESSAGE`}
      </Text>
      {shown.map((r) => (
        <Text key={r.key} wrap="truncate-end" color={r.type === 'Warning' ? 'yellow' : undefined}>
          {`${pad(humanDuration(Math.max(0, now - r.last)), 10)}${pad(r.type, 8)}${pad(r.reason, 18)}${pad(r.object, 34)}${r.message}`}
        </Text>
      ))}
    </Box>
  );
}
