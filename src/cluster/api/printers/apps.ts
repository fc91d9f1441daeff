/** apps/v1 and batch/v1 workloads: Deployment, ReplicaSet, StatefulSet, DaemonSet, ControllerRevision, ReplicationController, Job, CronJob. */
import { humanDuration } from '../table.js';
import { ageCol, ageOf, col, containerCells, containersCol, formatLabels, formatSelector, get, imagesCol, nameCol, num, printer, selectorString, since, timeOf, wideCol } from './common.js';

const name = (o: { metadata?: { name?: string } }) => o.metadata?.name ?? '';
const templateContainers = (o: unknown, ...prefix: string[]) => get(o, ...prefix, 'template', 'spec', 'containers');

export const printDeployments = printer(
  () => [
    nameCol(),
    col('Ready', 'Number of the pod with ready state'),
    col('Up-to-date', 'Total number of non-terminated pods targeted by this deployment that have the desired template spec.'),
    col('Available', 'Total number of available pods (ready for at least minReadySeconds) targeted by this deployment.'),
    ageCol(),
    containersCol(),
    imagesCol(),
    wideCol('Selector', 'Label selector for pods. Existing ReplicaSets whose pods are selected by this will be the ones affected by this deployment.'),
  ],
  (o, now) => [name(o), `${num(get(o, 'status', 'readyReplicas'))}/${num(get(o, 'spec', 'replicas'))}`, num(get(o, 'status', 'updatedReplicas')), num(get(o, 'status', 'availableReplicas')), ageOf(o, now), ...containerCells(templateContainers(o, 'spec')), selectorString(get(o, 'spec', 'selector'))],
);

const rsColumns = () => [
  nameCol(),
  col('Desired', 'Replicas is the number of desired replicas.', 'integer'),
  col('Current', 'Replicas is the most recently observed number of replicas.', 'integer'),
  col('Ready', 'The number of ready replicas for this replica set.', 'integer'),
  ageCol(),
  containersCol(),
  imagesCol(),
  wideCol('Selector', 'Selector is a label query over pods that should match the replica count.'),
];

export const printReplicaSets = printer(rsColumns, (o, now) => [
  name(o),
  num(get(o, 'spec', 'replicas')),
  num(get(o, 'status', 'replicas')),
  num(get(o, 'status', 'readyReplicas')),
  ageOf(o, now),
  ...containerCells(templateContainers(o, 'spec')),
  formatSelector(get(o, 'spec', 'selector')),
]);

export const printReplicationControllers = printer(rsColumns, (o, now) => [
  name(o),
  num(get(o, 'spec', 'replicas')),
  num(get(o, 'status', 'replicas')),
  num(get(o, 'status', 'readyReplicas')),
  ageOf(o, now),
  ...containerCells(templateContainers(o, 'spec')),
  formatLabels(get(o, 'spec', 'selector')),
]);

export const printStatefulSets = printer(
  () => [nameCol(), col('Ready', 'Number of the pod with ready state'), ageCol(), containersCol(), imagesCol()],
  (o, now) => [name(o), `${num(get(o, 'status', 'readyReplicas'))}/${num(get(o, 'spec', 'replicas'))}`, ageOf(o, now), ...containerCells(templateContainers(o, 'spec'))],
);

export const printDaemonSets = printer(
  () => [
    nameCol(),
    col('Desired', 'The total number of nodes that should be running the daemon pod (including nodes correctly running the daemon pod).', 'integer'),
    col('Current', 'The number of nodes that are running at least 1 daemon pod and are supposed to run the daemon pod.', 'integer'),
    col('Ready', 'The number of nodes that should be running the daemon pod and have one or more of the daemon pod running with a Ready Condition.', 'integer'),
    col('Up-to-date', 'The total number of nodes that are running updated daemon pod', 'integer'),
    col('Available', 'The number of nodes that should be running the daemon pod and have one or more of the daemon pod running and available (ready for at least spec.minReadySeconds)', 'integer'),
    col('Node Selector', 'NodeSelector is a selector which must be true for the pod to fit on a node.'),
    ageCol(),
    containersCol(),
    imagesCol(),
    wideCol('Selector', 'A label query over pods that are managed by the daemon set.'),
  ],
  (o, now) => [
    name(o),
    num(get(o, 'status', 'desiredNumberScheduled')),
    num(get(o, 'status', 'currentNumberScheduled')),
    num(get(o, 'status', 'numberReady')),
    num(get(o, 'status', 'updatedNumberScheduled')),
    num(get(o, 'status', 'numberAvailable')),
    formatLabels(get(o, 'spec', 'template', 'spec', 'nodeSelector')),
    ageOf(o, now),
    ...containerCells(templateContainers(o, 'spec')),
    formatSelector(get(o, 'spec', 'selector')),
  ],
);

export const printControllerRevisions = printer(
  () => [nameCol(), col('Controller', 'Controller of the object'), col('Revision', 'Revision indicates the revision of the state represented by Data.'), ageCol()],
  (o, now) => {
    const ref = (o.metadata?.ownerReferences ?? []).find((r) => r.controller);
    let controller = '<none>';
    if (ref) {
      const group = ref.apiVersion.includes('/') ? ref.apiVersion.split('/')[0]! : '';
      controller = `${ref.kind.toLowerCase()}${group ? `.${group}` : ''}/${ref.name}`;
    }
    return [name(o), controller, num(get(o, 'revision')), ageOf(o, now)];
  },
);

function jobCondition(o: unknown, type: string): boolean {
  const c = ((get(o, 'status', 'conditions') ?? []) as { type: string; status: string }[]).find((x) => x.type === type);
  return c?.status === 'True';
}

export const printJobs = printer(
  () => [
    nameCol(),
    col('Status', 'Status of the job.'),
    col('Completions', 'The number of pods which reached phase Succeeded. The value increases monotonically for a given spec. However, it may decrease in reaction to scale down of elastic indexed jobs.'),
    col('Duration', 'Time required to complete the job.'),
    ageCol(),
    containersCol(),
    imagesCol(),
    wideCol('Selector', 'A label query over pods that should match the pod count. Normally, the system sets this field for you. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors'),
  ],
  (o, now) => {
    const succeeded = num(get(o, 'status', 'succeeded'));
    const completions = get(o, 'spec', 'completions') as number | undefined;
    const parallelism = num(get(o, 'spec', 'parallelism'));
    const comp = completions !== undefined && completions !== null ? `${succeeded}/${completions}` : parallelism > 1 ? `${succeeded}/1 of ${parallelism}` : `${succeeded}/1`;
    const start = timeOf(get(o, 'status', 'startTime'));
    const end = timeOf(get(o, 'status', 'completionTime'));
    const duration = start === undefined ? '' : humanDuration((end ?? now) - start);
    let status = 'Running';
    if (jobCondition(o, 'Complete')) status = 'Complete';
    else if (jobCondition(o, 'Failed')) status = 'Failed';
    else if (o.metadata?.deletionTimestamp) status = 'Terminating';
    else if (jobCondition(o, 'Suspended')) status = 'Suspended';
    else if (jobCondition(o, 'FailureTarget')) status = 'FailureTarget';
    return [name(o), status, comp, duration, ageOf(o, now), ...containerCells(templateContainers(o, 'spec')), formatSelector(get(o, 'spec', 'selector'))];
  },
);

export const printCronJobs = printer(
  () => [
    nameCol(),
    col('Schedule', 'The schedule in Cron format, see https://en.wikipedia.org/wiki/Cron.'),
    col('Timezone', 'The time zone name for the given schedule, see https://en.wikipedia.org/wiki/List_of_tz_database_time_zones. If not specified, this will default to the time zone of the kube-controller-manager process. The set of valid time zone names and the time zone offset is loaded from the system-wide time zone database by the API server during CronJob validation and the controller manager during execution. If no system-wide time zone database can be found a bundled version of the database is used instead. If the time zone name becomes invalid during the lifetime of a CronJob or due to a change in host configuration, the controller will stop creating new new Jobs and will create a system event with the reason UnknownTimeZone. More information can be found in https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/#time-zones'),
    col('Suspend', 'This flag tells the controller to suspend subsequent executions, it does not apply to already started executions.  Defaults to false.', 'boolean'),
    col('Active', 'A list of pointers to currently running jobs.', 'integer'),
    col('Last Schedule', 'Information when was the last time the job was successfully scheduled.'),
    ageCol(),
    containersCol(),
    imagesCol(),
    wideCol('Selector', 'A label query over pods that should match the pod count. Normally, the system sets this field for you. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors'),
  ],
  (o, now) => {
    const suspend = get(o, 'spec', 'suspend') as boolean | undefined;
    const last = get(o, 'status', 'lastScheduleTime');
    return [
      name(o),
      String(get(o, 'spec', 'schedule') ?? ''),
      (get(o, 'spec', 'timeZone') as string | undefined) ?? '<none>',
      suspend === undefined || suspend === null ? '<unset>' : suspend ? 'True' : 'False',
      ((get(o, 'status', 'active') ?? []) as unknown[]).length,
      last ? since(last, now) : '<none>',
      ageOf(o, now),
      ...containerCells(get(o, 'spec', 'jobTemplate', 'spec', 'template', 'spec', 'containers')),
      formatSelector(get(o, 'spec', 'jobTemplate', 'spec', 'selector')),
    ];
  },
);
