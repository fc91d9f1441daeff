/**
 * The CustomResourceDefinitions the KEDA add-on installs (keda.sh/v1alpha1):
 * ScaledObject, ScaledJob, TriggerAuthentication, ClusterTriggerAuthentication,
 * with KEDA's short names and printer columns. Schemas keep the fields
 * kubedojo's operator reads structural and leave the rest open.
 */
import type { KObject } from '../../api/types.js';

const open = { type: 'object', 'x-kubernetes-preserve-unknown-fields': true };
const int = { type: 'integer', format: 'int32' };
const str = { type: 'string' };
const conditions = { type: 'array', items: { type: 'object', required: ['status', 'type'], properties: { type: str, status: str, reason: str, message: str } } };
const triggers = {
  type: 'array',
  items: {
    type: 'object',
    required: ['metadata', 'type'],
    properties: {
      type: str,
      name: str,
      useCachedMetrics: { type: 'boolean' },
      metricType: str,
      metadata: { type: 'object', additionalProperties: str },
      authenticationRef: { type: 'object', required: ['name'], properties: { name: str, kind: str } },
    },
  },
};

const ADDON = { 'app.kubernetes.io/part-of': 'keda-operator', 'app.kubernetes.io/version': '2.17.2', 'addonmanager.kubernetes.io/mode': 'Reconcile', 'kubernetes.azure.com/managedby': 'aks' };

type Column = { name: string; type: string; jsonPath: string; priority?: number };
const col = (name: string, jsonPath: string, type = 'string'): Column => ({ name, type, jsonPath });
const cond = (t: string) => col(t, `.status.conditions[?(@.type=="${t}")].status`);
const age = col('Age', '.metadata.creationTimestamp', 'date');

function crd(plural: string, kind: string, scope: 'Namespaced' | 'Cluster', shortNames: string[], columns: Column[], spec: Record<string, unknown>, status: Record<string, unknown>, required: string[] = []): KObject {
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `${plural}.keda.sh`, labels: { ...ADDON }, annotations: { 'controller-gen.kubebuilder.io/version': 'v0.16.5' } },
    spec: {
      group: 'keda.sh',
      names: { kind, listKind: `${kind}List`, plural, singular: kind.toLowerCase(), shortNames },
      scope,
      versions: [
        {
          name: 'v1alpha1',
          served: true,
          storage: true,
          additionalPrinterColumns: columns,
          subresources: { status: {} },
          schema: {
            openAPIV3Schema: {
              type: 'object',
              required: ['spec'],
              properties: { apiVersion: str, kind: str, metadata: { type: 'object' }, spec: { type: 'object', required, properties: spec }, status: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true, properties: status } },
            },
          },
        },
      ],
    },
  };
}

export function kedaCrds(): KObject[] {
  const authSpec = { podIdentity: open, secretTargetRef: { type: 'array', items: open }, env: { type: 'array', items: open }, hashiCorpVault: open, azureKeyVault: open, configMapTargetRef: { type: 'array', items: open }, boundServiceAccountToken: { type: 'array', items: open } };
  const authCols = [col('PodIdentity', '.spec.podIdentity.provider'), col('Secret', '.spec.secretTargetRef[*].name'), col('Env', '.spec.env[*].name'), col('VaultAddress', '.spec.hashiCorpVault.address'), col('ScaledObjects', '.status.scaledobjects', 'string'), col('ScaledJobs', '.status.scaledjobs', 'string'), age];
  authCols[4]!.priority = 1;
  authCols[5]!.priority = 1;
  return [
    crd(
      'scaledobjects',
      'ScaledObject',
      'Namespaced',
      ['so'],
      [
        col('ScaleTargetKind', '.status.scaleTargetKind'),
        col('ScaleTargetName', '.spec.scaleTargetRef.name'),
        col('Min', '.spec.minReplicaCount', 'integer'),
        col('Max', '.spec.maxReplicaCount', 'integer'),
        cond('Ready'),
        cond('Active'),
        cond('Fallback'),
        cond('Paused'),
        col('Triggers', '.status.triggersTypes'),
        col('Authentications', '.status.authenticationsTypes'),
        age,
      ],
      {
        scaleTargetRef: { type: 'object', required: ['name'], properties: { name: str, apiVersion: str, kind: str, envSourceContainerName: str } },
        pollingInterval: int,
        initialCooldownPeriod: int,
        cooldownPeriod: int,
        idleReplicaCount: int,
        minReplicaCount: int,
        maxReplicaCount: int,
        advanced: {
          type: 'object',
          properties: {
            horizontalPodAutoscalerConfig: { type: 'object', properties: { name: str, behavior: open } },
            restoreToOriginalReplicaCount: { type: 'boolean' },
            scalingModifiers: open,
          },
        },
        fallback: { type: 'object', required: ['failureThreshold', 'replicas'], properties: { failureThreshold: int, replicas: int, behavior: str } },
        triggers,
      },
      { conditions },
      ['scaleTargetRef', 'triggers'],
    ),
    crd(
      'scaledjobs',
      'ScaledJob',
      'Namespaced',
      ['sj'],
      [col('Min', '.spec.minReplicaCount', 'integer'), col('Max', '.spec.maxReplicaCount', 'integer'), cond('Ready'), cond('Active'), cond('Paused'), col('Triggers', '.status.triggersTypes'), col('Authentications', '.status.authenticationsTypes'), age],
      { jobTargetRef: open, pollingInterval: int, minReplicaCount: int, maxReplicaCount: int, successfulJobsHistoryLimit: int, failedJobsHistoryLimit: int, scalingStrategy: open, rollout: open, envSourceContainerName: str, triggers },
      { conditions },
      ['jobTargetRef', 'triggers'],
    ),
    crd('triggerauthentications', 'TriggerAuthentication', 'Namespaced', ['ta', 'triggerauth'], authCols, authSpec, {}),
    crd('clustertriggerauthentications', 'ClusterTriggerAuthentication', 'Cluster', ['cta', 'clustertriggerauth'], authCols, authSpec, {}),
  ];
}
