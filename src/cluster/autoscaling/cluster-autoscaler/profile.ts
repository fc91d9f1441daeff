/**
 * The AKS cluster autoscaler profile (facts/aks.md §6.2): the keys the Azure
 * CLI accepts, AKS's defaults, the service's value checks, and the parsed
 * settings the autoscaler loop runs with.
 */
import type { AzError } from '../../cloud/errors.js';

/** In the order of the SDK's ManagedClusterPropertiesAutoScalerProfile attribute map (the CLI lists them so). */
export const PROFILE_KEYS = [
  'balance-similar-node-groups',
  'daemonset-eviction-for-empty-nodes',
  'daemonset-eviction-for-occupied-nodes',
  'ignore-daemonsets-utilization',
  'expander',
  'max-empty-bulk-delete',
  'max-graceful-termination-sec',
  'max-node-provision-time',
  'max-total-unready-percentage',
  'new-pod-scale-up-delay',
  'ok-total-unready-count',
  'scan-interval',
  'scale-down-delay-after-add',
  'scale-down-delay-after-delete',
  'scale-down-delay-after-failure',
  'scale-down-unneeded-time',
  'scale-down-unready-time',
  'scale-down-utilization-threshold',
  'skip-nodes-with-local-storage',
  'skip-nodes-with-system-pods',
] as const;

export type ProfileKey = (typeof PROFILE_KEYS)[number];

export const PROFILE_DEFAULTS: Record<ProfileKey, string> = {
  'balance-similar-node-groups': 'false',
  'daemonset-eviction-for-empty-nodes': 'false',
  'daemonset-eviction-for-occupied-nodes': 'true',
  'ignore-daemonsets-utilization': 'false',
  expander: 'random',
  'max-empty-bulk-delete': '10',
  'max-graceful-termination-sec': '600',
  'max-node-provision-time': '15m',
  'max-total-unready-percentage': '45',
  'new-pod-scale-up-delay': '0s',
  'ok-total-unready-count': '3',
  'scan-interval': '10s',
  'scale-down-delay-after-add': '10m',
  'scale-down-delay-after-delete': '10s',
  'scale-down-delay-after-failure': '3m',
  'scale-down-unneeded-time': '10m',
  'scale-down-unready-time': '20m',
  'scale-down-utilization-threshold': '0.5',
  'skip-nodes-with-local-storage': 'false',
  'skip-nodes-with-system-pods': 'true',
};

export const EXPANDERS = ['least-waste', 'most-pods', 'priority', 'random'] as const;
export type Expander = (typeof EXPANDERS)[number];

const SECONDS = /^\d+s$/;
const MINUTES = /^\d+m$/;
const INT = /^\d+$/;
const BOOL = /^(true|false)$/;

/** What the service accepts for each key (AKS: scan and pod delays in seconds, scale-down times in minutes). */
function valid(key: ProfileKey, v: string): boolean {
  switch (key) {
    case 'scan-interval':
      return SECONDS.test(v) && Number(v.slice(0, -1)) >= 1;
    case 'new-pod-scale-up-delay':
    case 'scale-down-delay-after-delete':
      return SECONDS.test(v);
    case 'scale-down-delay-after-add':
    case 'scale-down-delay-after-failure':
    case 'scale-down-unneeded-time':
    case 'scale-down-unready-time':
    case 'max-node-provision-time':
      return MINUTES.test(v);
    case 'scale-down-utilization-threshold': {
      const n = Number(v);
      return /^\d*\.?\d+$/.test(v) && n >= 0 && n <= 1;
    }
    case 'max-total-unready-percentage':
      return INT.test(v) && Number(v) <= 100;
    case 'max-empty-bulk-delete':
      return INT.test(v) && Number(v) >= 1;
    case 'max-graceful-termination-sec':
    case 'ok-total-unready-count':
      return INT.test(v);
    case 'expander':
      return (EXPANDERS as readonly string[]).includes(v);
    case 'balance-similar-node-groups':
    case 'daemonset-eviction-for-empty-nodes':
    case 'daemonset-eviction-for-occupied-nodes':
    case 'ignore-daemonsets-utilization':
    case 'skip-nodes-with-local-storage':
    case 'skip-nodes-with-system-pods':
      return BOOL.test(v);
  }
}

const isKey = (k: string): k is ProfileKey => (PROFILE_KEYS as readonly string[]).includes(k);

/**
 * `--cluster-autoscaler-profile k=v[,k=v] [k=v …]` → pairs, as the CLI's
 * validator splits them (an empty key is its own error; an empty value resets
 * the key to its default).
 */
export function parseProfileArgs(items: string[]): { ok: true; value: Record<string, string> } | { ok: false; error: AzError } {
  const out: Record<string, string> = {};
  for (const item of items) {
    for (const part of item.split(',')) {
      const eq = part.indexOf('=');
      const k = (eq < 0 ? part : part.slice(0, eq)).trim();
      const v = eq < 0 ? '' : part.slice(eq + 1).trim();
      if (!k) return { ok: false, error: { code: 'InvalidArgumentValueError', source: 'cli', message: 'Empty key specified for cluster-autoscaler-profile' } };
      if (!isKey(k)) {
        return { ok: false, error: { code: 'InvalidArgumentValueError', source: 'cli', message: `'${k}' is an invalid key for cluster-autoscaler-profile. Valid keys are ${PROFILE_KEYS.join(', ')}.` } };
      }
      out[k] = v;
    }
  }
  return { ok: true, value: out };
}

/** The service's check of each value (ARM InvalidParameter, as AKS words it). */
export function validateProfile(values: Record<string, string>): AzError | undefined {
  for (const [k, v] of Object.entries(values)) {
    if (!isKey(k) || v === '') continue;
    if (!valid(k, v)) return { code: 'InvalidParameter', source: 'arm', message: `Invalid value specified for the cluster-autoscaler parameter '${k}'. Please refer to https://aka.ms/cluster-autoscaler for more details.` };
  }
  return undefined;
}

/** Apply validated pairs to a cluster's stored overrides (empty value = back to the default). */
export function applyProfile(stored: Record<string, string>, values: Record<string, string>): void {
  for (const [k, v] of Object.entries(values)) {
    if (v === '') delete stored[k];
    else stored[k] = v;
  }
}

/** The full profile as `az aks show` prints it: defaults overlaid with the cluster's settings, keys sorted. */
export function effectiveProfile(stored: Record<string, string>): Record<string, string> {
  const all: Record<string, string> = { ...PROFILE_DEFAULTS, ...stored };
  return Object.fromEntries(Object.keys(all).sort().map((k) => [k, all[k]!]));
}

export interface Settings {
  scanIntervalMs: number;
  expander: Expander;
  maxEmptyBulkDelete: number;
  maxGracefulTerminationSec: number;
  maxNodeProvisionMs: number;
  newPodScaleUpDelayMs: number;
  scaleDownDelayAfterAddMs: number;
  scaleDownDelayAfterDeleteMs: number;
  scaleDownDelayAfterFailureMs: number;
  scaleDownUnneededMs: number;
  scaleDownUnreadyMs: number;
  utilizationThreshold: number;
  skipNodesWithLocalStorage: boolean;
  skipNodesWithSystemPods: boolean;
  ignoreDaemonsetsUtilization: boolean;
}

function ms(v: string): number {
  const n = Number(v.slice(0, -1));
  return v.endsWith('m') ? n * 60_000 : n * 1000;
}

export function settingsOf(stored: Record<string, string>): Settings {
  const p = { ...PROFILE_DEFAULTS, ...stored } as Record<ProfileKey, string>;
  return {
    scanIntervalMs: ms(p['scan-interval']),
    expander: p.expander as Expander,
    maxEmptyBulkDelete: Number(p['max-empty-bulk-delete']),
    maxGracefulTerminationSec: Number(p['max-graceful-termination-sec']),
    maxNodeProvisionMs: ms(p['max-node-provision-time']),
    newPodScaleUpDelayMs: ms(p['new-pod-scale-up-delay']),
    scaleDownDelayAfterAddMs: ms(p['scale-down-delay-after-add']),
    scaleDownDelayAfterDeleteMs: ms(p['scale-down-delay-after-delete']),
    scaleDownDelayAfterFailureMs: ms(p['scale-down-delay-after-failure']),
    scaleDownUnneededMs: ms(p['scale-down-unneeded-time']),
    scaleDownUnreadyMs: ms(p['scale-down-unready-time']),
    utilizationThreshold: Number(p['scale-down-utilization-threshold']),
    skipNodesWithLocalStorage: p['skip-nodes-with-local-storage'] === 'true',
    skipNodesWithSystemPods: p['skip-nodes-with-system-pods'] === 'true',
    ignoreDaemonsetsUtilization: p['ignore-daemonsets-utilization'] === 'true',
  };
}
