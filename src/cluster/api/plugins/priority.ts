/** Priority admission: a pod's priority comes from its PriorityClass (or the global default, or 0). */
import type { Pod } from 'kubernetes-types/core/v1.js';
import type { PriorityClass } from 'kubernetes-types/scheduling/v1.js';
import type { AdmissionPlugin } from '../admission.js';
import { forbiddenMessage } from '../status.js';

export function priority(): AdmissionPlugin {
  return {
    name: 'Priority',
    validate(a) {
      if (a.def.group !== 'scheduling.k8s.io' || a.def.plural !== 'priorityclasses' || a.subresource || !a.object) return undefined;
      if ((a.operation !== 'CREATE' && a.operation !== 'UPDATE') || !(a.object as unknown as PriorityClass).globalDefault) return undefined;
      const others = (a.ctx.list('priorityclasses', 'scheduling.k8s.io', undefined) as unknown as PriorityClass[]).filter((p) => p.globalDefault && p.metadata?.name !== a.object!.metadata?.name);
      if (others.length > 0) return forbiddenMessage('priorityclasses', 'scheduling.k8s.io', a.object.metadata?.name, `PriorityClass ${others[0]!.metadata?.name} is marked as default. Only one default can exist`);
      return undefined;
    },
    admit(a) {
      if (a.operation !== 'CREATE' || a.def.plural !== 'pods' || a.subresource || !a.object) return undefined;
      const spec = (a.object as unknown as Pod).spec;
      if (!spec) return undefined;
      const name = spec.priorityClassName;
      let pc: PriorityClass | undefined;
      if (name) {
        pc = a.ctx.lookup('priorityclasses', 'scheduling.k8s.io', undefined, name) as unknown as PriorityClass | undefined;
        if (!pc) return forbiddenMessage('pods', '', a.object.metadata?.name, `no PriorityClass with name ${name} was found`);
      } else {
        pc = (a.ctx.list('priorityclasses', 'scheduling.k8s.io', undefined) as unknown as PriorityClass[]).find((p) => p.globalDefault);
      }
      spec.priority = pc?.value ?? 0;
      spec.preemptionPolicy ??= pc?.preemptionPolicy ?? 'PreemptLowerPriority';
      if (pc && !name && pc.metadata?.name) spec.priorityClassName = pc.metadata.name;
      return undefined;
    },
  };
}
