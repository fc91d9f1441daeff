/**
 * The DefaultIngressClass admission plugin: an Ingress created with neither
 * `spec.ingressClassName` nor the legacy `kubernetes.io/ingress.class`
 * annotation gets the IngressClass annotated
 * `ingressclass.kubernetes.io/is-default-class: "true"` (the newest one
 * when several are, ties broken by name).
 */
import type { Ingress, IngressClass } from 'kubernetes-types/networking/v1.js';
import type { AdmissionPlugin } from '../../api/admission.js';
import { DEFAULT_CLASS_ANNOTATION, INGRESS_CLASS_ANNOTATION } from '../../api/strategies/ingress.js';

export function defaultIngressClass(): AdmissionPlugin {
  return {
    name: 'DefaultIngressClass',
    admit(a) {
      if (a.operation !== 'CREATE' || a.def.plural !== 'ingresses' || a.def.group !== 'networking.k8s.io' || a.subresource || !a.object) return undefined;
      const ing = a.object as Ingress;
      if (ing.spec?.ingressClassName) return undefined;
      if (ing.metadata?.annotations?.[INGRESS_CLASS_ANNOTATION] !== undefined) return undefined;
      const defaults = (a.ctx.list('ingressclasses', 'networking.k8s.io', undefined) as IngressClass[]).filter((c) => c.metadata?.annotations?.[DEFAULT_CLASS_ANNOTATION] === 'true');
      if (defaults.length === 0) return undefined;
      const t = (c: IngressClass) => Date.parse(c.metadata?.creationTimestamp ?? '') || 0;
      defaults.sort((x, y) => (t(x) === t(y) ? (x.metadata!.name! < y.metadata!.name! ? -1 : 1) : t(y) - t(x)));
      ing.spec = { ...(ing.spec ?? {}), ingressClassName: defaults[0]!.metadata!.name! };
      return undefined;
    },
  };
}
