/**
 * Attaches each kind's strategy (defaults, validation, field selectors,
 * printer) to its registry entry. One file per group keeps them small.
 */
import type { Registry } from '../registry.js';
import type { ResourceDef } from '../resource.js';
import { coreStrategies } from './core.js';
import { appsStrategies } from './apps.js';

export type StrategyMap = Record<string, Partial<ResourceDef>>;

export function attachStrategies(registry: Registry): void {
  const all: StrategyMap = { ...coreStrategies, ...appsStrategies };
  for (const def of registry.all()) {
    const s = all[`${def.group}/${def.plural}`];
    if (s) Object.assign(def, s);
  }
}
