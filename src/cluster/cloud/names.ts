/** AKS names: VMSS and node names, node resource group, DNS prefix and FQDN (facts §1.1, §2.6, §8.1). */
import { randomUid, type Random } from '../random.js';

export function base36Index(i: number): string {
  return i.toString(36).padStart(6, '0');
}

export function vmssName(pool: string, vmssId: string): string {
  return `aks-${pool}-${vmssId}-vmss`;
}

export function nodeName(pool: string, vmssId: string, index: number): string {
  return `${vmssName(pool, vmssId)}${base36Index(index)}`;
}

/** The 8 digits in `aks-<pool>-<8 digits>-vmss`, drawn from the seed. */
export function vmssDigits(rng: Random): string {
  return String(10_000_000 + rng.int(90_000_000));
}

export function nodeResourceGroup(rg: string, cluster: string, location: string): string {
  return `MC_${rg}_${cluster}_${location}`;
}

/** `<first 10 alphanumerics of name>-<first 16 of RG>-<first 6 of subscription id>` */
export function dnsPrefix(name: string, rg: string, subscriptionId: string): string {
  const clean = (s: string, n: number) => s.replace(/[^A-Za-z0-9-]/g, '').slice(0, n);
  let p = clean(name.replace(/[^A-Za-z0-9]/g, ''), 10);
  if (!/^[A-Za-z]/.test(p)) p = `a${p}`;
  return `${p}-${clean(rg, 16)}-${subscriptionId.slice(0, 6)}`;
}

export function hex(rng: Random, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += '0123456789abcdef'[rng.int(16)];
  return s;
}

export function guid(rng: Random): string {
  return randomUid(rng);
}
