/** Cluster and context, namespace, simulated time and speed, paused or running. */
import { memo } from 'react';
import { Text } from 'ink';
import { clockTime } from '../commands/trace-story.js';
import { formatSpeed } from '../commands/clock.js';
import { useStore } from './external-store.js';
import type { SessionController } from './session-controller.js';

export const StatusBar = memo(function StatusBar({ controller }: { controller: SessionController }) {
  const info = useStore(controller.feed.info);
  const now = useStore(controller.feed.now);
  const time = useStore(controller.time.state);
  const serve = useStore(controller.serve);
  return (
    <Text wrap="truncate-end">
      <Text bold color="blue">{'⎈ kubedojo '}</Text>
      <Text>{`AKS ${info.cluster}`}</Text>
      <Text dimColor>{` · ctx ${info.context} · ns `}</Text>
      <Text>{info.namespace}</Text>
      <Text dimColor>{' · '}</Text>
      <Text>{`${clockTime(now)} `}</Text>
      {time.paused ? (
        <Text color="yellow" bold>
          {'⏸ PAUSED'}
        </Text>
      ) : (
        <Text color="green">{`▶ ${formatSpeed(time.speed)}`}</Text>
      )}
      {serve ? <Text dimColor>{' · '}</Text> : null}
      {serve ? serve.requests > 0 ? <Text color="green">{`⇄ ${serve.client ?? 'a client'} connected (${serve.requests} requests)`}</Text> : <Text>{`serve ${serve.url}`}</Text> : null}
    </Text>
  );
});
