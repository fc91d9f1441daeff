/**
 * IP address management for the four AKS network modes (facts/aks.md §3):
 * Azure subnets (5 reserved addresses, nodes and — for Azure CNI — pods take
 * their IPs here), pod CIDRs carved into one /24 per node (kubenet, Overlay),
 * and the PodIpSource each node's CNI hands out pod IPs from.
 */
import { rangeIpSource, type PodIpSource } from '../node/machine.js';
import { intToIp, ipToInt, parseCidr, type Cidr } from './cidr.js';

/** Azure keeps the first four addresses and the last one of every subnet. */
export const AZURE_RESERVED = 5;

export class AzureSubnet {
  readonly cidr: Cidr;
  /** offset → owner (a node name, `<node>/pods`, an LB frontend). */
  private readonly used = new Map<number, string>();
  private cursor = 4;

  constructor(
    readonly name: string,
    prefix: string,
    readonly vnetName: string,
  ) {
    const c = parseCidr(prefix);
    if (!c) throw new Error(`bad subnet prefix ${prefix}`);
    this.cidr = c;
  }

  get addressPrefix(): string {
    return this.cidr.text;
  }

  /** Usable addresses (size minus Azure's five). */
  get capacity(): number {
    return Math.max(0, this.cidr.size - AZURE_RESERVED);
  }

  get usedCount(): number {
    return this.used.size;
  }

  get available(): number {
    return this.capacity - this.used.size;
  }

  owners(): Map<number, string> {
    return this.used;
  }

  allocate(owner: string): string | undefined {
    const ips = this.allocateMany(1, owner);
    return ips?.[0];
  }

  /** `n` addresses at once, or undefined (and nothing taken) when fewer are free. */
  allocateMany(n: number, owner: string): string[] | undefined {
    if (n > this.available) return undefined;
    const out: string[] = [];
    const last = this.cidr.size - 2;
    for (let tries = 0; out.length < n && tries <= this.cidr.size; tries++) {
      const off = this.cursor;
      this.cursor = this.cursor >= last ? 4 : this.cursor + 1;
      if (off < 4 || off > last || this.used.has(off)) continue;
      this.used.set(off, owner);
      out.push(intToIp(this.cidr.base + off));
    }
    return out;
  }

  /** Put the next search back at the lowest free address (so a freed node IP is reused, as Azure does). */
  rewind(): void {
    this.cursor = 4;
  }

  release(ip: string): void {
    this.used.delete(ipToInt(ip) - this.cidr.base);
  }

  releaseOwner(owner: string): number {
    let n = 0;
    for (const [off, o] of [...this.used]) {
      if (o === owner || o.startsWith(`${owner}/`)) {
        this.used.delete(off);
        n++;
      }
    }
    if (n > 0) this.rewind();
    return n;
  }
}

/** A pod CIDR handed out as one /24 per node (kubenet and Azure CNI Overlay). */
export class PodCidrPool {
  readonly cidr: Cidr;
  private readonly blocks = new Map<number, string>();
  private cursor = 0;

  constructor(prefix: string) {
    const c = parseCidr(prefix);
    if (!c) throw new Error(`bad pod cidr ${prefix}`);
    this.cidr = c;
  }

  /** How many /24 blocks (nodes) the range holds. */
  get capacity(): number {
    return Math.max(0, Math.floor(this.cidr.size / 256));
  }

  get usedCount(): number {
    return this.blocks.size;
  }

  /** The lowest free /24 (a freed block is reused first, as AKS does). */
  allocateBlock(owner: string): string | undefined {
    for (let i = this.cursor; i < this.capacity; i++) {
      if (!this.blocks.has(i)) {
        this.blocks.set(i, owner);
        this.cursor = i + 1;
        return `${intToIp(this.cidr.base + i * 256)}/24`;
      }
    }
    return undefined;
  }

  releaseOwner(owner: string): void {
    for (const [i, o] of [...this.blocks]) {
      if (o === owner) {
        this.blocks.delete(i);
        this.cursor = Math.min(this.cursor, i);
      }
    }
  }
}

/** Azure CNI (node subnet): the node's maxPods IPs were reserved on the subnet when the VM was created. */
export function preallocatedIpSource(ips: string[], subnet: string): PodIpSource {
  const free = [...ips];
  const taken = new Set<string>();
  return {
    allocate() {
      const ip = free.shift();
      if (ip !== undefined) taken.add(ip);
      return ip;
    },
    release(ip) {
      if (taken.delete(ip)) free.push(ip);
    },
    exhaustedMessage() {
      return `plugin type="azure-vnet" failed (add): IPAM Invoker Add failed with error: Failed to get IP address from CNS: no free IPs left in the pre-allocated pool of ${ips.length} on this node (subnet ${subnet})`;
    },
  };
}

export const DYNAMIC_BATCH = 16;

/**
 * Azure CNI with a pod subnet: the node takes IPs from the pod subnet in
 * batches of 16, asking for more when fewer than 8 are free (facts §3.4).
 */
export function dynamicIpSource(subnet: AzureSubnet, node: string, maxPods: number): PodIpSource & { held(): number } {
  const free: string[] = [];
  const taken = new Set<string>();
  const refill = () => {
    const room = maxPods - (free.length + taken.size);
    const want = Math.min(DYNAMIC_BATCH, room);
    if (free.length >= DYNAMIC_BATCH / 2 || want <= 0) return;
    const got = subnet.allocateMany(Math.min(want, subnet.available), `${node}/pods`);
    if (got) free.push(...got);
  };
  refill();
  return {
    allocate() {
      refill();
      const ip = free.shift();
      if (ip !== undefined) taken.add(ip);
      return ip;
    },
    release(ip) {
      if (taken.delete(ip)) free.push(ip);
    },
    exhaustedMessage() {
      return `plugin type="azure-vnet" failed (add): IPAM Invoker Add failed with error: Failed to get IP address from CNS: subnet ${subnet.name} (${subnet.addressPrefix}) has no free IPs left for pods`;
    },
    held() {
      return free.length + taken.size;
    },
  };
}

/** kubenet and Overlay: pods from the node's /24 (cbr0 / the bridge keeps .1). */
export function blockIpSource(block: string): PodIpSource {
  return rangeIpSource(block, 2);
}
