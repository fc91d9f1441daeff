/**
 * `view`: what the panes show, as a command (the keys do the same):
 * `view trace|events`, `view ns <name|all>`, `view node <name|all>`,
 * `view component <name|all>`, `view reads on|off`, `view services on|off`.
 */
import type { Command } from '../commands/types.js';
import type { ExternalStore } from './external-store.js';
import type { ClusterSnapshot } from './cluster-snapshot.js';
import type { UiState } from './ui-state.js';

const USAGE = 'Usage: view trace|events | view ns <namespace|all> | view node <name|all> | view component <name|all> | view reads on|off | view services on|off';

export function viewCommand(ui: ExternalStore<UiState>, snapshot: () => ClusterSnapshot): Command {
  return {
    name: 'view',
    summary: 'Choose what the map and the trace show (filters, focus, events)',
    run(ctx, args) {
      const [what, value] = args;
      const set = (patch: Partial<UiState>, msg: string) => {
        ui.update((s) => ({ ...s, ...patch }));
        ctx.out(msg);
        return 0;
      };
      const all = value === undefined || value === 'all';
      const onOff = (v: string | undefined) => (v === 'on' ? true : v === 'off' ? false : undefined);
      switch (what) {
        case 'trace':
        case 'events':
          return set({ view: what }, `view: showing the ${what === 'trace' ? 'control-plane trace' : 'events (kubectl get events -w)'}`);
        case 'ns':
        case 'namespace':
          return set({ namespace: all ? undefined : value }, `view: map shows ${all ? 'all namespaces' : `namespace ${value}`}`);
        case 'node': {
          if (all) return set({ focusNode: undefined }, 'view: map shows every node');
          const names = snapshot().pools.flatMap((p) => p.nodes.map((n) => n.name));
          const hit = names.find((n) => n === value) ?? names.find((n) => n.endsWith(value!));
          if (!hit) {
            ctx.err(`view: no node "${value}"${names.length ? ` (nodes: ${names.join(', ')})` : ' (the cluster has no nodes yet)'}`);
            return 1;
          }
          return set({ focusNode: hit }, `view: map focuses node ${hit}`);
        }
        case 'component':
          return set({ component: all ? undefined : value }, `view: trace shows ${all ? 'every component' : `only ${value}`}`);
        case 'reads':
        case 'services': {
          const v = onOff(value);
          if (v === undefined) break;
          return set(what === 'reads' ? { showReads: v } : { showServices: v }, `view: ${what} ${value}`);
        }
        default:
          break;
      }
      ctx.err(what === undefined ? USAGE : `view: unknown choice "${args.join(' ')}"\n${USAGE}`);
      return 1;
    },
  };
}
