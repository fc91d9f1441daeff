/**
 * The Kubernetes versions this simulated AKS region offers (facts/aks.md
 * §1.3: 1.34–1.36, default N-1 = 1.35 at its latest patch) and the node
 * image each version runs.
 */
export const SUPPORTED_VERSIONS: Record<string, string[]> = {
  '1.34': ['1.34.5', '1.34.7'],
  '1.35': ['1.35.2', '1.35.4'],
  '1.36': ['1.36.1', '1.36.3'],
};

export const DEFAULT_MINOR = '1.35';

export function allPatches(): string[] {
  return Object.values(SUPPORTED_VERSIONS).flat();
}

export function minorOf(v: string): string {
  return v.split('.').slice(0, 2).join('.');
}

export function latestPatch(minor: string): string | undefined {
  const p = SUPPORTED_VERSIONS[minor];
  return p ? p[p.length - 1] : undefined;
}

export function defaultVersion(): string {
  return latestPatch(DEFAULT_MINOR)!;
}

/** `1.35` → its latest patch; `1.35.2` → itself; unknown → undefined. */
export function resolveVersion(v: string): string | undefined {
  if (/^\d+\.\d+$/.test(v)) return latestPatch(v);
  return allPatches().includes(v) ? v : undefined;
}

export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < 3; i++) if ((pa[i] ?? 0) !== (pb[i] ?? 0)) return (pa[i] ?? 0) - (pb[i] ?? 0);
  return 0;
}

/** Versions a cluster on `v` may upgrade to: later patches of its minor and the next minor (no skipping). */
export function upgradesFrom(v: string): string[] {
  const [maj, min] = v.split('.').map(Number) as [number, number];
  const next = `${maj}.${min + 1}`;
  return allPatches().filter((p) => compareVersions(p, v) > 0 && (minorOf(p) === minorOf(v) || minorOf(p) === next));
}

export const NODE_IMAGE_RELEASES = ['202610.20.0', '202611.03.0'];
export const LATEST_NODE_IMAGE = NODE_IMAGE_RELEASES[NODE_IMAGE_RELEASES.length - 1]!;

export interface NodeImage {
  version: string;
  osImage: string;
  kernelVersion: string;
  containerRuntimeVersion: string;
  osSkuEffective: string;
}

/** Ubuntu 24.04 for 1.35+, 22.04 before (facts §1.7). */
export function nodeImage(k8sVersion: string, release: string, osSku = 'Ubuntu'): NodeImage {
  const newer = compareVersions(k8sVersion, '1.35.0') >= 0;
  if (osSku === 'AzureLinux') {
    return { version: `AKSAzureLinux-V3gen2-${release}`, osImage: 'Microsoft Azure Linux 3.0', kernelVersion: '6.6.104.2-4.azl3', containerRuntimeVersion: 'containerd://2.0.0', osSkuEffective: 'AzureLinux3' };
  }
  return newer
    ? { version: `AKSUbuntu-2404gen2containerd-${release}`, osImage: 'Ubuntu 24.04.3 LTS', kernelVersion: '6.8.0-1041-azure', containerRuntimeVersion: 'containerd://1.7.29-1', osSkuEffective: 'Ubuntu2404' }
    : { version: `AKSUbuntu-2204gen2containerd-${release}`, osImage: 'Ubuntu 22.04.5 LTS', kernelVersion: '5.15.0-1098-azure', containerRuntimeVersion: 'containerd://1.7.29-1', osSkuEffective: 'Ubuntu2204' };
}
