/** The live cluster map. It reads only the cluster snapshot and view choices: typing never re-renders it. */
import { memo } from 'react';
import { Box } from 'ink';
import { useStore } from './external-store.js';
import { legendRow, mapRows } from './map-rows.js';
import type { SessionController } from './session-controller.js';
import { PaneTitle } from './pane-title.js';
import { RowText } from './row-text.js';

export const ClusterMap = memo(function ClusterMap({ controller, width, height }: { controller: SessionController; width: number; height: number }) {
  const snap = useStore(controller.feed.snapshot);
  const ui = useStore(controller.ui);
  const body = Math.max(0, height - 1);
  const withLegend = body >= 4;
  const rows = mapRows(snap, ui, width, withLegend ? body - 1 : body);
  const detail = [
    `${snap.nodeCount} node${snap.nodeCount === 1 ? '' : 's'}`,
    `${snap.podCount} pod${snap.podCount === 1 ? '' : 's'}`,
    ui.namespace ? `ns ${ui.namespace}` : 'all namespaces',
    ui.focusNode ? 'focused (^O next)' : '',
  ]
    .filter(Boolean)
    .join(' · ');
  return (
    <Box flexDirection="column" height={height} width={width} overflow="hidden">
      <PaneTitle title={`Cluster ${snap.clusterName}`} detail={detail} width={width} />
      {rows.map((r, i) => (
        <RowText key={i} row={r} />
      ))}
      {withLegend && <Box flexGrow={1} />}
      {withLegend && <RowText row={legendRow()} />}
    </Box>
  );
});
