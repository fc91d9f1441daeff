/** DefaultTolerationSeconds: every pod tolerates not-ready / unreachable for 300 s unless it says otherwise. */
import type { Pod, Toleration } from 'kubernetes-types/core/v1.js';
import type { AdmissionPlugin } from '../admission.js';

const KEYS = ['node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable'];

export function defaultTolerationSeconds(): AdmissionPlugin {
  return {
    name: 'DefaultTolerationSeconds',
    admit(a) {
      if (a.operation !== 'CREATE' || a.def.plural !== 'pods' || a.subresource || !a.object) return undefined;
      const spec = (a.object as unknown as Pod).spec;
      if (!spec) return undefined;
      const tol: Toleration[] = [...(spec.tolerations ?? [])];
      for (const key of KEYS) {
        const has = tol.some((t) => (t.key === key || (t.operator === 'Exists' && !t.key)) && (!t.effect || t.effect === 'NoExecute'));
        if (!has) tol.push({ key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 });
      }
      spec.tolerations = tol;
      return undefined;
    },
  };
}
