/** apps/v1 and batch/v1 schema data: Deployment, ReplicaSet, Job and their parts. */
import { kind, spec, status, type SchemaSet } from './types.js';

export const appsSchemas: SchemaSet = {
  Deployment: kind('apps', 'v1', 'Deployment', 'Deployment enables declarative updates for Pods and ReplicaSets.', { spec: ['DeploymentSpec', spec('Deployment')[1]], status: ['DeploymentStatus', status('Deployment')[1]] }),
  DeploymentSpec: {
    description: 'DeploymentSpec is the specification of the desired behavior of the Deployment.',
    fields: {
      minReadySeconds: ['integer', 'Minimum number of seconds for which a newly created pod should be ready without any of its container crashing, for it to be considered available. Defaults to 0 (pod will be considered available as soon as it is ready)'],
      paused: ['boolean', 'Indicates that the deployment is paused.'],
      progressDeadlineSeconds: ['integer', 'The maximum time in seconds for a deployment to make progress before it is considered to be failed. Defaults to 600s.'],
      replicas: ['integer', 'Number of desired pods. This is a pointer to distinguish between explicit zero and not specified. Defaults to 1.'],
      revisionHistoryLimit: ['integer', 'The number of old ReplicaSets to retain to allow rollback. Defaults to 10.'],
      selector: ['LabelSelector', "Label selector for pods. Existing ReplicaSets whose pods are selected by this will be the ones affected by this deployment. It must match the pod template's labels.", true],
      strategy: ['DeploymentStrategy', 'The deployment strategy to use to replace existing pods with new ones.'],
      template: ['PodTemplateSpec', 'Template describes the pods that will be created. The only allowed template.spec.restartPolicy value is "Always".', true],
    },
  },
  DeploymentStrategy: {
    description: 'DeploymentStrategy describes how to replace existing pods with new ones.',
    fields: {
      rollingUpdate: ['Object', 'Rolling update config params. Present only if DeploymentStrategyType = RollingUpdate.'],
      type: ['string', 'Type of deployment. Can be "Recreate" or "RollingUpdate". Default is RollingUpdate.', false, ['Recreate', 'RollingUpdate']],
    },
  },
  DeploymentStatus: {
    description: 'DeploymentStatus is the most recently observed status of the Deployment.',
    fields: {
      availableReplicas: ['integer', 'Total number of available pods (ready for at least minReadySeconds) targeted by this deployment.'],
      conditions: ['[]Object', "Represents the latest available observations of a deployment's current state."],
      observedGeneration: ['integer', 'The generation observed by the deployment controller.'],
      readyReplicas: ['integer', 'readyReplicas is the number of pods targeted by this Deployment with a Ready Condition.'],
      replicas: ['integer', 'Total number of non-terminated pods targeted by this deployment (their labels match the selector).'],
      updatedReplicas: ['integer', 'Total number of non-terminated pods targeted by this deployment that have the desired template spec.'],
    },
  },
  LabelSelector: {
    description: 'A label selector is a label query over a set of resources. The result of matchLabels and matchExpressions are ANDed. An empty label selector matches all objects. A null label selector matches no objects.',
    fields: {
      matchExpressions: ['[]Object', 'matchExpressions is a list of label selector requirements. The requirements are ANDed.'],
      matchLabels: ['map[string]string', 'matchLabels is a map of {key,value} pairs. A single {key,value} in the matchLabels map is equivalent to an element of matchExpressions, whose key field is "key", the operator is "In", and the values array contains only "value". The requirements are ANDed.'],
    },
  },
  PodTemplateSpec: {
    description: 'PodTemplateSpec describes the data a pod should have when created from a template',
    fields: { metadata: ['ObjectMeta', "Standard object's metadata."], spec: ['PodSpec', 'Specification of the desired behavior of the pod.'] },
  },
  ReplicaSet: kind('apps', 'v1', 'ReplicaSet', 'ReplicaSet ensures that a specified number of pod replicas are running at any given time.', { spec: ['Object', spec('ReplicaSet')[1]], status: ['Object', status('ReplicaSet')[1]] }),
  Job: kind('batch', 'v1', 'Job', 'Job represents the configuration of a single job.', { spec: ['Object', spec('job')[1]], status: ['Object', status('job')[1]] }),
};
