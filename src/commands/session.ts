/**
 * The learner's kubeconfig, in memory: contexts naming a cluster of the world,
 * a user and a default namespace. `az aks get-credentials` merges into it;
 * `kubectl config` reads and edits it.
 */
import type { Cluster } from '../cluster/cluster.js';
import type { World } from '../cluster/world.js';
import type { UserInfo } from '../cluster/api/types.js';
import { ADMIN } from '../cluster/api/server.js';
import { Client } from '../cluster/api/client.js';

export interface KubeContext {
  name: string;
  cluster: string;
  user: string;
  namespace?: string;
}

export class Session {
  readonly contexts = new Map<string, KubeContext>();
  readonly users = new Map<string, UserInfo>();
  currentContext: string | undefined;

  constructor(readonly world: World) {}

  /** Add (or replace) a context for a cluster, with the admin user by default. */
  addContext(ctx: KubeContext, user: UserInfo = ADMIN): void {
    this.contexts.set(ctx.name, ctx);
    if (!this.users.has(ctx.user)) this.users.set(ctx.user, user);
    this.currentContext ??= ctx.name;
  }

  context(name?: string): KubeContext | undefined {
    const n = name ?? this.currentContext;
    return n ? this.contexts.get(n) : undefined;
  }

  cluster(contextName?: string): Cluster | undefined {
    const c = this.context(contextName);
    return c ? this.world.cluster(c.cluster) : undefined;
  }

  namespace(contextName?: string): string {
    return this.context(contextName)?.namespace || 'default';
  }

  user(contextName?: string): UserInfo {
    const c = this.context(contextName);
    return (c && this.users.get(c.user)) ?? ADMIN;
  }

  client(contextName?: string, command?: string): Client | undefined {
    const cluster = this.cluster(contextName);
    if (!cluster) return undefined;
    return new Client(cluster.api, this.user(contextName), command);
  }
}
