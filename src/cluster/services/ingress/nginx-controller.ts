/**
 * What the ingress-nginx controller pods do to the API: for every Ingress of
 * an IngressClass they serve, write `status.loadBalancer.ingress` with the
 * external IP of their publish Service (`--publish-service`), once that
 * Service has one and a controller pod is ready; record the `Sync` event
 * ("Scheduled for sync") when an Ingress changes; and, when the last
 * controller is gone (the add-on disabled), clear the addresses
 * (`--update-status-on-shutdown`). An Ingress of a class nobody serves keeps
 * an empty ADDRESS, as on a real cluster.
 */
import type { Ingress, IngressClass } from 'kubernetes-types/networking/v1.js';
import type { Pod, Service } from 'kubernetes-types/core/v1.js';
import type { Controller, ControllerContext, ReconcileResult } from '../../runtime/controller.js';
import type { Informer } from '../../runtime/informer.js';
import type { KObject } from '../../api/types.js';
import { INGRESS_CLASS_ANNOTATION } from '../../api/strategies/ingress.js';
import { deepEqual } from '../../api/paths.js';

type K<T> = T & KObject;

/** One ingress-nginx installation: where its pods and publish Service live, and the controller class it answers to. */
export interface NginxInstall {
  namespace: string;
  podLabel: [string, string];
  publishService: string;
  controllerClass: string;
}

function ready(p: Pod): boolean {
  return p.status?.phase === 'Running' && (p.status.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True') && !p.metadata?.deletionTimestamp;
}

export function classOf(ing: Ingress): string | undefined {
  return ing.spec?.ingressClassName ?? ing.metadata?.annotations?.[INGRESS_CLASS_ANNOTATION];
}

export class NginxStatusController implements Controller {
  readonly name = 'nginx-ingress-controller';
  private ctx!: ControllerContext;
  private ingresses!: Informer<K<Ingress>>;
  private classes!: Informer<K<IngressClass>>;
  private services!: Informer<K<Service>>;
  private pods!: Informer<K<Pod>>;
  /** Generation last announced with a Sync event, per Ingress uid. */
  private synced = new Map<string, number>();
  /** Ingresses this controller gave an address. */
  private published = new Set<string>();

  constructor(private readonly install: NginxInstall) {}

  start(ctx: ControllerContext): void {
    this.ctx = ctx;
    const all = () => ctx.queue.add('sync');
    this.ingresses = ctx.informers.for('ingresses.networking.k8s.io');
    this.classes = ctx.informers.for('ingressclasses.networking.k8s.io');
    this.services = ctx.informers.for('services');
    this.pods = ctx.informers.for('pods');
    this.ingresses.on(all);
    this.classes.on(all);
    this.services.on((_t, s) => s.metadata?.namespace === this.install.namespace && all());
    this.pods.on((_t, p) => p.metadata?.namespace === this.install.namespace && all());
  }

  /** The address the controllers publish, or undefined when none is running. */
  private address(): { running: boolean; ingress: { ip?: string; hostname?: string }[] } {
    const { namespace, podLabel, publishService } = this.install;
    const running = this.pods.list().some((p) => p.metadata?.namespace === namespace && p.metadata.labels?.[podLabel[0]] === podLabel[1] && ready(p));
    const svc = this.services.getNs(namespace, publishService);
    const lb = (svc?.status?.loadBalancer?.ingress ?? []).map((i) => (i.ip ? { ip: i.ip } : { hostname: i.hostname }));
    return { running, ingress: running ? lb : [] };
  }

  reconcile(): ReconcileResult {
    const served = new Set(this.classes.list().filter((c) => c.spec?.controller === this.install.controllerClass).map((c) => c.metadata!.name!));
    const { running, ingress } = this.address();
    const gone = !this.services.getNs(this.install.namespace, this.install.publishService);
    const items = this.ingresses.list().sort((a, b) => `${a.metadata!.namespace}/${a.metadata!.name}`.localeCompare(`${b.metadata!.namespace}/${b.metadata!.name}`));
    for (const ing of items) {
      const key = `${ing.metadata!.namespace}/${ing.metadata!.name}`;
      const cls = classOf(ing);
      const mine = running && cls !== undefined && served.has(cls);
      let want: { ip?: string; hostname?: string }[];
      if (mine) want = ingress;
      // Controllers no longer serving it clear what they published (the last one does so on shutdown).
      else if (this.published.has(key) && (running || gone)) want = [];
      else continue;
      const uid = ing.metadata!.uid!;
      const gen = ing.metadata?.generation ?? 1;
      if (mine && this.synced.get(uid) !== gen) {
        this.synced.set(uid, gen);
        this.ctx.events.event(ing, 'Normal', 'Sync', 'Scheduled for sync');
      }
      if (want.length) this.published.add(key);
      else this.published.delete(key);
      if (deepEqual(ing.status?.loadBalancer?.ingress ?? [], want)) continue;
      const r = this.ctx.client.updateStatus('ingresses.networking.k8s.io', ing.metadata!.namespace, ing.metadata!.name!, { ...ing, status: { loadBalancer: want.length ? { ingress: want } : {} } });
      if (!r.ok) continue;
      this.ctx.trace.note('nginx-ingress-controller', want.length ? `Ingress ${key} published at ${want.map((i) => i.ip ?? i.hostname).join(',')}` : `Ingress ${key}: address removed`, [`ingresses/${key}`]);
    }
    return undefined;
  }
}
