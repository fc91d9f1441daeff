/**
 * Server-side Table printers, one module per kind (the columns `kubectl get`
 * shows). Attached to the registry so the built-in kubectl and serve mode
 * print the same Tables.
 */
import type { Registry } from '../registry.js';
import type { ResourceDef } from '../resource.js';

export type PrinterMap = Record<string, NonNullable<ResourceDef['print']>>;

const printers: PrinterMap = {};

export function attachPrinters(registry: Registry): void {
  for (const def of registry.all()) {
    const p = printers[`${def.group}/${def.plural}`];
    if (p) def.print = p;
  }
}
