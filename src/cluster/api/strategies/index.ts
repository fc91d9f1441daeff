/**
 * Attaches each kind's strategy (defaults, validation, field selectors,
 * printer) to its registry entry. One file per group keeps them small.
 */
import type { Registry } from '../registry.js';
import type { ResourceDef } from '../resource.js';
import { coreStrategies } from './core.js';
import { podStrategies } from './pod.js';
import { serviceStrategies } from './service.js';
import { appsStrategies } from './apps.js';
import { batchStrategies } from './batch.js';
import { rbacStrategies } from './rbac.js';
import { policyStrategies } from './policy.js';
import { ingressStrategies } from './ingress.js';
import { eventsView } from '../views/events.js';
import { crdStrategies } from '../crd/crd-strategy.js';
import { storageStrategies } from '../../storage/strategies.js';

export type StrategyMap = Record<string, Partial<ResourceDef>>;

export function attachStrategies(registry: Registry): void {
  const all: StrategyMap = { ...coreStrategies, ...podStrategies, ...serviceStrategies, ...appsStrategies, ...batchStrategies, ...rbacStrategies, ...policyStrategies, ...ingressStrategies, ...crdStrategies, ...storageStrategies, 'events.k8s.io/events': { view: eventsView } };
  for (const def of registry.all()) {
    const s = all[`${def.group}/${def.plural}`];
    if (s) Object.assign(def, s);
  }
}
