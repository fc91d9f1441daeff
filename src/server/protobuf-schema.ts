/**
 * Field numbers of the Kubernetes API messages that kubectl 1.32 sends as
 * protobuf (public facts of the API's generated.proto), for the types the
 * `kubectl create <kind>` generators and `auth can-i/whoami` use. Fields not
 * listed are skipped when decoding.
 *
 * Types: s string, b bool, i int (varint), p int kept even when 0 (a Go
 * pointer field), by bytes (base64), t meta.v1.Time, ios IntOrString,
 * q Quantity, mss map<string,string>, msq map<string,Quantity>,
 * msb map<string,bytes>, raw RawExtension (JSON), or a message name.
 * A trailing `[]` means repeated.
 */
export type FieldType = string;
export type MessageSchema = Record<number, [name: string, type: FieldType]>;

export const MESSAGES: Record<string, MessageSchema> = {
  Unknown: { 1: ['typeMeta', 'TypeMeta'], 2: ['raw', 'by'], 3: ['contentEncoding', 's'], 4: ['contentType', 's'] },
  TypeMeta: { 1: ['apiVersion', 's'], 2: ['kind', 's'] },
  ObjectMeta: {
    1: ['name', 's'],
    2: ['generateName', 's'],
    3: ['namespace', 's'],
    5: ['uid', 's'],
    6: ['resourceVersion', 's'],
    7: ['generation', 'i'],
    8: ['creationTimestamp', 't'],
    9: ['deletionTimestamp', 't'],
    10: ['deletionGracePeriodSeconds', 'p'],
    11: ['labels', 'mss'],
    12: ['annotations', 'mss'],
    13: ['ownerReferences', 'OwnerReference[]'],
    14: ['finalizers', 's[]'],
  },
  OwnerReference: { 1: ['kind', 's'], 3: ['name', 's'], 4: ['uid', 's'], 5: ['apiVersion', 's'], 6: ['controller', 'b'], 7: ['blockOwnerDeletion', 'b'] },
  LabelSelector: { 1: ['matchLabels', 'mss'], 2: ['matchExpressions', 'LabelSelectorRequirement[]'] },
  LabelSelectorRequirement: { 1: ['key', 's'], 2: ['operator', 's'], 3: ['values', 's[]'] },
  // apps/v1
  Deployment: { 1: ['metadata', 'ObjectMeta'], 2: ['spec', 'DeploymentSpec'], 3: ['status', 'Empty'] },
  DeploymentSpec: {
    1: ['replicas', 'p'],
    2: ['selector', 'LabelSelector'],
    3: ['template', 'PodTemplateSpec'],
    4: ['strategy', 'DeploymentStrategy'],
    5: ['minReadySeconds', 'i'],
    6: ['revisionHistoryLimit', 'p'],
    7: ['paused', 'b'],
    9: ['progressDeadlineSeconds', 'p'],
  },
  DeploymentStrategy: { 1: ['type', 's'], 2: ['rollingUpdate', 'RollingUpdateDeployment'] },
  RollingUpdateDeployment: { 1: ['maxUnavailable', 'ios'], 2: ['maxSurge', 'ios'] },
  // core/v1
  PodTemplateSpec: { 1: ['metadata', 'ObjectMeta'], 2: ['spec', 'PodSpec'] },
  PodSpec: {
    1: ['volumes', 'Volume[]'],
    2: ['containers', 'Container[]'],
    3: ['restartPolicy', 's'],
    4: ['terminationGracePeriodSeconds', 'p'],
    5: ['activeDeadlineSeconds', 'p'],
    6: ['dnsPolicy', 's'],
    7: ['nodeSelector', 'mss'],
    8: ['serviceAccountName', 's'],
    9: ['serviceAccount', 's'],
    10: ['nodeName', 's'],
    11: ['hostNetwork', 'b'],
    15: ['imagePullSecrets', 'LocalObjectReference[]'],
    16: ['hostname', 's'],
    17: ['subdomain', 's'],
    19: ['schedulerName', 's'],
    20: ['initContainers', 'Container[]'],
    24: ['priorityClassName', 's'],
  },
  Container: {
    1: ['name', 's'],
    2: ['image', 's'],
    3: ['command', 's[]'],
    4: ['args', 's[]'],
    5: ['workingDir', 's'],
    6: ['ports', 'ContainerPort[]'],
    7: ['env', 'EnvVar[]'],
    8: ['resources', 'ResourceRequirements'],
    9: ['volumeMounts', 'VolumeMount[]'],
    13: ['terminationMessagePath', 's'],
    14: ['imagePullPolicy', 's'],
    16: ['stdin', 'b'],
    17: ['stdinOnce', 'b'],
    18: ['tty', 'b'],
    20: ['terminationMessagePolicy', 's'],
  },
  ContainerPort: { 1: ['name', 's'], 2: ['hostPort', 'i'], 3: ['containerPort', 'i'], 4: ['protocol', 's'], 5: ['hostIP', 's'] },
  EnvVar: { 1: ['name', 's'], 2: ['value', 's'] },
  ResourceRequirements: { 1: ['limits', 'msq'], 2: ['requests', 'msq'] },
  VolumeMount: { 1: ['name', 's'], 2: ['readOnly', 'b'], 3: ['mountPath', 's'], 4: ['subPath', 's'] },
  Volume: { 1: ['name', 's'] },
  LocalObjectReference: { 1: ['name', 's'] },
  ObjectReference: { 1: ['kind', 's'], 2: ['namespace', 's'], 3: ['name', 's'], 4: ['uid', 's'], 5: ['apiVersion', 's'] },
  Namespace: { 1: ['metadata', 'ObjectMeta'], 2: ['spec', 'NamespaceSpec'], 3: ['status', 'Empty'] },
  NamespaceSpec: { 1: ['finalizers', 's[]'] },
  ConfigMap: { 1: ['metadata', 'ObjectMeta'], 2: ['data', 'mss'], 3: ['binaryData', 'msb'], 4: ['immutable', 'b'] },
  Secret: { 1: ['metadata', 'ObjectMeta'], 2: ['data', 'msb'], 3: ['type', 's'], 4: ['stringData', 'mss'], 5: ['immutable', 'b'] },
  Service: { 1: ['metadata', 'ObjectMeta'], 2: ['spec', 'ServiceSpec'], 3: ['status', 'ServiceStatus'] },
  ServiceSpec: {
    1: ['ports', 'ServicePort[]'],
    2: ['selector', 'mss'],
    3: ['clusterIP', 's'],
    4: ['type', 's'],
    5: ['externalIPs', 's[]'],
    7: ['sessionAffinity', 's'],
    8: ['loadBalancerIP', 's'],
    9: ['loadBalancerSourceRanges', 's[]'],
    10: ['externalName', 's'],
    11: ['externalTrafficPolicy', 's'],
    12: ['healthCheckNodePort', 'i'],
    13: ['publishNotReadyAddresses', 'b'],
    17: ['ipFamilyPolicy', 's'],
    18: ['clusterIPs', 's[]'],
    19: ['ipFamilies', 's[]'],
    20: ['allocateLoadBalancerNodePorts', 'b'],
    21: ['loadBalancerClass', 's'],
    22: ['internalTrafficPolicy', 's'],
  },
  ServiceStatus: { 1: ['loadBalancer', 'Empty'] },
  ServicePort: { 1: ['name', 's'], 2: ['protocol', 's'], 3: ['port', 'i'], 4: ['targetPort', 'ios'], 5: ['nodePort', 'i'], 6: ['appProtocol', 's'] },
  ServiceAccount: { 1: ['metadata', 'ObjectMeta'], 2: ['secrets', 'ObjectReference[]'], 3: ['imagePullSecrets', 'LocalObjectReference[]'], 4: ['automountServiceAccountToken', 'b'] },
  // authorization.k8s.io/v1, authentication.k8s.io/v1
  SelfSubjectAccessReview: { 1: ['metadata', 'ObjectMeta'], 2: ['spec', 'SelfSubjectAccessReviewSpec'], 3: ['status', 'Empty'] },
  SelfSubjectAccessReviewSpec: { 1: ['resourceAttributes', 'ResourceAttributes'], 2: ['nonResourceAttributes', 'NonResourceAttributes'] },
  ResourceAttributes: { 1: ['namespace', 's'], 2: ['verb', 's'], 3: ['group', 's'], 4: ['version', 's'], 5: ['resource', 's'], 6: ['subresource', 's'], 7: ['name', 's'] },
  NonResourceAttributes: { 1: ['path', 's'], 2: ['verb', 's'] },
  SelfSubjectRulesReview: { 1: ['metadata', 'ObjectMeta'], 2: ['spec', 'SelfSubjectRulesReviewSpec'], 3: ['status', 'Empty'] },
  SelfSubjectRulesReviewSpec: { 1: ['namespace', 's'] },
  SelfSubjectReview: { 1: ['metadata', 'ObjectMeta'], 2: ['status', 'Empty'] },
  Empty: {},
};

/** The message for a kind sent by kubectl, keyed `apiVersion/Kind`. */
export const TOP_LEVEL: Record<string, string> = {
  'apps/v1/Deployment': 'Deployment',
  'v1/Namespace': 'Namespace',
  'v1/ConfigMap': 'ConfigMap',
  'v1/Secret': 'Secret',
  'v1/Service': 'Service',
  'v1/ServiceAccount': 'ServiceAccount',
  'authorization.k8s.io/v1/SelfSubjectAccessReview': 'SelfSubjectAccessReview',
  'authorization.k8s.io/v1/SelfSubjectRulesReview': 'SelfSubjectRulesReview',
  'authentication.k8s.io/v1/SelfSubjectReview': 'SelfSubjectReview',
};

/** Pointer-typed repeated/scalar fields whose zero value must be kept ('p' covers ints). */
export const KEEP_FALSE = new Set(['automountServiceAccountToken', 'immutable', 'allocateLoadBalancerNodePorts']);
