/**
 * The pods an HPA's target selects, read as upstream's controller reads them:
 * from the controller-manager's shared pod informer (no LIST per sync),
 * through an index of namespace + label=value, with the target's selector
 * parsed once while it stays the same. Pods come back in name order, as a
 * LIST returns them.
 */
import type { Pod } from 'kubernetes-types/core/v1.js';
import type { Cluster } from '../cluster.js';
import { CONTROLLER_MANAGER } from '../cluster.js';
import type { KObject } from '../api/types.js';
import type { Informer } from '../runtime/informer.js';
import { matchesLabels, parseLabelSelector, type Selector } from '../api/selectors.js';
import { namespaceIndex } from '../controllers/controller-ref.js';

type KPod = Pod & KObject;

const LABEL_INDEX = 'namespace-label';

/** `default/app=web` for each of a pod's labels (a namespace has no '/', a label key no '='). */
function labelIndex(o: KObject): string[] {
  const labels = o.metadata?.labels;
  if (!labels) return [];
  const ns = o.metadata?.namespace ?? '';
  const out: string[] = [];
  for (const k in labels) out.push(`${ns}/${k}=${labels[k]}`);
  return out;
}

export class HpaPodLister {
  private readonly pods: Informer<KPod>;
  /** Parsed selectors by their text (undefined: it does not parse, so it selects nothing, as the LIST fails). */
  private readonly parsed = new Map<string, Selector | undefined>();

  constructor(cluster: Cluster) {
    this.pods = cluster.informers(CONTROLLER_MANAGER).for<KPod>('pods');
    this.pods.addIndex('namespace', namespaceIndex);
    this.pods.addIndex(LABEL_INDEX, labelIndex);
  }

  /** The pods in `namespace` the selector (`app=web,tier in (a,b)`) picks; callers must not modify them. */
  select(namespace: string, selector: string): KPod[] {
    let sel = this.parsed.get(selector);
    if (sel === undefined && !this.parsed.has(selector)) {
      const r = parseLabelSelector(selector);
      sel = r.ok ? r.value : undefined;
      if (this.parsed.size > 1000) this.parsed.clear();
      this.parsed.set(selector, sel);
    }
    if (!sel) return [];
    const eq = sel.find((r) => r.op === '=');
    const candidates = eq && eq.op === '=' ? this.pods.byIndex(LABEL_INDEX, `${namespace}/${eq.key}=${eq.value}`) : this.pods.byIndex('namespace', namespace);
    const out = candidates.filter((p) => matchesLabels(sel, p.metadata?.labels));
    out.sort((a, b) => (a.metadata!.name! < b.metadata!.name! ? -1 : 1));
    return out;
  }
}
