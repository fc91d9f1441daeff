/** Autoscaling, policy, RBAC bindings, leases and priority classes. */
import { ageCol, ageOf, col, get, nameCol, printer, wideCol } from './common.js';

const name = (o: { metadata?: { name?: string } }) => o.metadata?.name ?? '';

interface MetricTarget {
  averageValue?: string;
  value?: string;
  averageUtilization?: number;
}

/** formatHPAMetrics: `cpu: 45%/80%`, `<unknown>` before metrics arrive, two at most. */
export function formatHpaMetrics(specs: any[] | undefined, statuses: any[] | undefined): string {
  if (!specs || specs.length === 0) return '<none>';
  const list: string[] = [];
  specs.forEach((spec, i) => {
    const st = statuses?.[i];
    const target = (src: string): MetricTarget => spec[src]?.target ?? {};
    switch (spec.type) {
      case 'External':
      case 'Object': {
        const key = spec.type === 'External' ? 'external' : 'object';
        const t = target(key);
        if (t.averageValue) list.push(`${st?.[key]?.current?.averageValue ?? '<unknown>'}/${t.averageValue} (avg)`);
        else list.push(`${st?.[key]?.current?.value ?? '<unknown>'}/${t.value ?? ''}`);
        break;
      }
      case 'Pods':
        list.push(`${st?.pods?.current?.averageValue ?? '<unknown>'}/${target('pods').averageValue ?? ''}`);
        break;
      case 'Resource':
      case 'ContainerResource': {
        const key = spec.type === 'Resource' ? 'resource' : 'containerResource';
        const t = target(key);
        const rname = spec[key]?.name ?? '';
        if (t.averageValue) list.push(`${rname}: ${st?.[key]?.current?.averageValue ?? '<unknown>'}/${t.averageValue}`);
        else {
          const cur = st?.[key]?.current?.averageUtilization;
          list.push(`${rname}: ${cur !== undefined ? `${cur}%` : '<unknown>'}/${t.averageUtilization !== undefined ? `${t.averageUtilization}%` : '<auto>'}`);
        }
        break;
      }
      default:
        list.push('<unknown type>');
    }
  });
  if (list.length > 2) return `${list.slice(0, 2).join(', ')} + ${list.length - 2} more...`;
  return list.join(', ');
}

export const printHorizontalPodAutoscalers = printer(
  () => [
    nameCol(),
    col('Reference', 'scaleTargetRef points to the target resource to scale, and is used to the pods for which metrics should be collected, as well as to actually change the replica count.'),
    col('Targets', 'metrics contains the specifications for which to use to calculate the desired replica count.'),
    col('MinPods', 'minReplicas is the lower limit for the number of replicas to which the autoscaler can scale down.'),
    col('MaxPods', 'maxReplicas is the upper limit for the number of replicas to which the autoscaler can scale up.'),
    col('Replicas', 'currentReplicas is current number of replicas of pods managed by this autoscaler.'),
    ageCol(),
  ],
  (o, now) => {
    const min = get(o, 'spec', 'minReplicas') as number | undefined;
    return [
      name(o),
      `${get(o, 'spec', 'scaleTargetRef', 'kind') ?? ''}/${get(o, 'spec', 'scaleTargetRef', 'name') ?? ''}`,
      formatHpaMetrics(get(o, 'spec', 'metrics'), get(o, 'status', 'currentMetrics')),
      min === undefined || min === null ? '<unset>' : String(min),
      Number(get(o, 'spec', 'maxReplicas') ?? 0),
      Number(get(o, 'status', 'currentReplicas') ?? 0),
      ageOf(o, now),
    ];
  },
);

export const printPodDisruptionBudgets = printer(
  () => [
    nameCol(),
    col('Min Available', 'The minimum number of pods that must be available.'),
    col('Max Unavailable', 'The maximum number of pods that may be unavailable.'),
    col('Allowed Disruptions', 'Calculated number of pods that may be disrupted at this time.', 'integer'),
    ageCol(),
  ],
  (o, now) => {
    const min = get(o, 'spec', 'minAvailable');
    const max = get(o, 'spec', 'maxUnavailable');
    return [name(o), min === undefined || min === null ? 'N/A' : String(min), max === undefined || max === null ? 'N/A' : String(max), Number(get(o, 'status', 'disruptionsAllowed') ?? 0), ageOf(o, now)];
  },
);

/** rbac.SubjectsStrings: users, groups and `namespace/name` service accounts. */
export function subjectsStrings(subjects: { kind: string; name: string; namespace?: string }[] | undefined): [string, string, string] {
  const users: string[] = [];
  const groups: string[] = [];
  const sas: string[] = [];
  for (const s of subjects ?? []) {
    if (s.kind === 'User') users.push(s.name);
    else if (s.kind === 'Group') groups.push(s.name);
    else if (s.kind === 'ServiceAccount') sas.push(`${s.namespace ?? ''}/${s.name}`);
  }
  return [users.join(', '), groups.join(', '), sas.join(', ')];
}

const bindingColumns = (what: string) => () => [
  nameCol(),
  col('Role', 'RoleRef can reference a Role in the current namespace or a ClusterRole in the global namespace.'),
  ageCol(),
  wideCol('Users', `Users in the ${what}`),
  wideCol('Groups', `Groups in the ${what}`),
  wideCol('ServiceAccounts', `ServiceAccounts in the ${what}`),
];

const bindingRow = (o: any, now: number) => [name(o), `${get(o, 'roleRef', 'kind') ?? ''}/${get(o, 'roleRef', 'name') ?? ''}`, ageOf(o, now), ...subjectsStrings(get(o, 'subjects'))];

export const printRoleBindings = printer(bindingColumns('roleBinding'), bindingRow);
export const printClusterRoleBindings = printer(bindingColumns('clusterRoleBinding'), bindingRow);

export const printLeases = printer(
  () => [nameCol(), col('Holder', 'holderIdentity contains the identity of the holder of a current lease.'), ageCol()],
  (o, now) => [name(o), String(get(o, 'spec', 'holderIdentity') ?? ''), ageOf(o, now)],
);

export const printPriorityClasses = printer(
  () => [
    nameCol(),
    col('Value', 'value represents the integer value of this priority class. This is the actual priority that pods receive when they have the name of this class in their pod spec.', 'integer'),
    col('Global-Default', 'globalDefault specifies whether this PriorityClass should be considered as the default priority for pods that do not have any priority class.', 'boolean'),
    ageCol(),
    col('PreemptionPolicy', 'preemptionPolicy is the Policy for preempting pods with lower priority. One of Never, PreemptLowerPriority. Defaults to PreemptLowerPriority if unset.'),
  ],
  (o, now) => [name(o), Number(get(o, 'value') ?? 0), get(o, 'globalDefault') === true, ageOf(o, now), String(get(o, 'preemptionPolicy') ?? '')],
);
