/**
 * `kubectl describe TYPE [NAME_PREFIX]` / `TYPE/NAME`: reads the object and
 * what upstream's describer reads with it (events by involvedObject field
 * selectors, the node's pods and lease, a deployment's ReplicaSets, a
 * controller's pods, a service's EndpointSlices), then lays it out with the
 * describe tabwriter. A name that matches nothing exactly describes every
 * object whose name starts with it, as kubectl does.
 */
import type { KubectlEnv, Verb } from '../verb.js';
import type { ResourceDef } from '../../../cluster/api/resource.js';
import type { KObject } from '../../../cluster/api/types.js';
import { withKind } from '../../../cluster/api/server.js';
import { selectorString } from '../../../cluster/api/printers/common.js';
import { serverError } from '../output.js';
import { groupResource, parseTargets } from '../targets.js';
import { describeNode, describePod } from './pod-node.js';
import { describeCronJob, describeDaemonSet, describeDeployment, describeJob, describeReplicaSet, describeStatefulSet, podCounts } from './workloads.js';
import * as core from './core.js';
import { describeIngress, describeIngressClass } from './ingress.js';
import { get } from './format.js';

function events(env: KubectlEnv, o: KObject, withKindField: boolean): KObject[] | undefined {
  const m = o.metadata ?? {};
  const fs = [`involvedObject.name=${m.name ?? ''}`, `involvedObject.namespace=${m.namespace ?? ''}`];
  if (withKindField) fs.push(`involvedObject.kind=${o.kind ?? ''}`);
  fs.push(`involvedObject.uid=${m.uid ?? ''}`);
  const r = env.client.list<KObject>('events', m.namespace || undefined, { fieldSelector: fs.join(',') });
  return r.ok ? r.object.items : [];
}

function describeOne(env: KubectlEnv, def: ResourceDef, o: KObject, showEvents: boolean): string {
  const now = env.cluster.clock.now();
  const c = env.client;
  const ns = o.metadata?.namespace;
  const ev = (kindField = true) => (showEvents ? events(env, o, kindField) : undefined);
  const podsFor = (sel: unknown) => c.items<KObject>('pods', ns, { labelSelector: selectorString(sel as never) });
  switch (`${def.group}/${def.kind}`) {
    case '/Pod':
      return describePod(o, ev(false), now);
    case '/Node': {
      const pods = c.list<KObject>('pods', undefined, { fieldSelector: `spec.nodeName=${o.metadata?.name ?? ''},status.phase!=Succeeded,status.phase!=Failed` });
      const lease = c.get<KObject>('leases.coordination.k8s.io', 'kube-node-lease', o.metadata?.name ?? '');
      let evs = ev();
      if (evs) {
        const byName = c.items<KObject>('events', undefined, { fieldSelector: `involvedObject.name=${o.metadata?.name ?? ''},involvedObject.namespace=,involvedObject.kind=Node,involvedObject.uid=${o.metadata?.name ?? ''}` });
        evs = [...evs, ...byName];
      }
      return describeNode(o, pods.ok ? pods.object.items : undefined, evs, lease.ok ? lease.object : undefined, now);
    }
    case 'apps/Deployment': {
      const rss = c.items<KObject>('replicasets.apps', ns, { labelSelector: selectorString(get(o, 'spec', 'selector')) }).filter((rs) => (rs.metadata?.ownerReferences ?? []).some((r) => r.controller && r.uid === o.metadata?.uid));
      const hashless = (t: any) => JSON.stringify({ ...t, metadata: { ...t?.metadata, labels: Object.fromEntries(Object.entries(t?.metadata?.labels ?? {}).filter(([k]) => k !== 'pod-template-hash')) } });
      const want = hashless(get(o, 'spec', 'template'));
      const newRS = rss.find((rs) => hashless(get(rs, 'spec', 'template')) === want);
      // Every old ReplicaSet, scaled down or not, as kubectl lists them.
      return describeDeployment(o, rss.filter((rs) => rs !== newRS), newRS, ev(), now);
    }
    case 'apps/ReplicaSet':
      return describeReplicaSet(o, podCounts(o, podsFor(get(o, 'spec', 'selector'))), ev(), now);
    case 'apps/StatefulSet':
      return describeStatefulSet(o, podCounts(o, podsFor(get(o, 'spec', 'selector'))), ev(), now);
    case 'apps/DaemonSet':
      return describeDaemonSet(o, podCounts(o, podsFor(get(o, 'spec', 'selector'))), ev(), now);
    case 'batch/Job':
      return describeJob(o, ev(), now);
    case 'batch/CronJob':
      return describeCronJob(o, ev(), now);
    case '/Service':
      return core.describeService(o, c.items<KObject>('endpointslices.discovery.k8s.io', ns, { labelSelector: `kubernetes.io/service-name=${o.metadata?.name ?? ''}` }), ev(), now);
    case '/Endpoints':
      return core.describeEndpoints(o, ev(), now);
    case '/Namespace':
      return core.describeNamespace(o, c.items('resourcequotas', o.metadata?.name), c.items('limitranges', o.metadata?.name));
    case '/ConfigMap':
      return core.describeConfigMap(o, ev(), now);
    case '/Secret':
      return core.describeSecret(o);
    case '/ServiceAccount':
      return core.describeServiceAccount(o, ev(), now);
    case '/PersistentVolumeClaim': {
      const usedBy = c
        .items<KObject>('pods', ns)
        .filter((p) => ((get(p, 'spec', 'volumes') ?? []) as any[]).some((v) => v.persistentVolumeClaim?.claimName === o.metadata?.name))
        .map((p) => p.metadata?.name ?? '');
      return core.describePVC(o, usedBy, ev(), now);
    }
    case '/PersistentVolume':
      return core.describePV(o, ev(), now);
    case 'storage.k8s.io/StorageClass':
      return core.describeStorageClass(o, ev(), now);
    case '/ResourceQuota':
      return core.describeQuota(o);
    case '/LimitRange':
      return core.describeLimitRange(o);
    case 'autoscaling/HorizontalPodAutoscaler':
      return core.describeHPA(o, ev(), now);
    case 'networking.k8s.io/Ingress': {
      const lookup = (name: string) => {
        const slices = c.items<KObject>('endpointslices.discovery.k8s.io', ns, { labelSelector: `kubernetes.io/service-name=${name}` });
        const svc = c.get<KObject>('services', ns, name);
        return svc.ok ? { service: svc.object, slices } : { error: svc.status.message, slices };
      };
      return describeIngress(o, lookup, ev(), now);
    }
    case 'networking.k8s.io/IngressClass':
      return describeIngressClass(o, ev(), now);
    case 'policy/PodDisruptionBudget':
      return core.describePDB(o, ev(), now);
    case 'rbac.authorization.k8s.io/Role':
    case 'rbac.authorization.k8s.io/ClusterRole':
      return core.describeRole(o);
    case 'rbac.authorization.k8s.io/RoleBinding':
    case 'rbac.authorization.k8s.io/ClusterRoleBinding':
      return core.describeRoleBinding(o);
    case 'scheduling.k8s.io/PriorityClass':
      return core.describePriorityClass(o, ev(), now);
    default:
      return core.describeGeneric(o, ev(), now);
  }
}

export const describeVerb: Verb = {
  name: 'describe',
  short: 'Show details of a specific resource or group of resources',
  usage: 'kubectl describe (-f FILENAME | TYPE [NAME_PREFIX | -l label] | TYPE/NAME) [options]',
  flags: [
    { name: 'all-namespaces', short: 'A', type: 'bool' },
    { name: 'selector', short: 'l', type: 'string' },
    { name: 'show-events', type: 'bool', default: true },
    { name: 'chunk-size', type: 'int', ignored: true },
  ],
  run(env) {
    const { ctx, cluster, client, flags, args } = env;
    if (args.length === 0) {
      ctx.err("You must specify the type of resource to describe. Use \"kubectl api-resources\" for a complete list of supported resources.\n\nerror: Required resource not specified.\nSee 'kubectl describe -h' for help and examples");
      return 1;
    }
    const parsed = parseTargets(cluster.registry, args);
    if (!parsed.ok) {
      ctx.err(parsed.error);
      return 1;
    }
    const allNs = !!flags['all-namespaces'];
    const showEvents = flags['show-events'] !== false;
    const outputs: string[] = [];
    const errors: string[] = [];
    for (const t of parsed.targets) {
      const gr = groupResource(t.def);
      const ns = t.def.namespaced ? (allNs && t.names.length === 0 ? undefined : env.namespace) : undefined;
      const found: KObject[] = [];
      if (t.names.length === 0) {
        const r = client.list<KObject>(gr, ns, { labelSelector: flags.selector as string | undefined });
        if (!r.ok) errors.push(serverError(r.status));
        else found.push(...r.object.items);
      }
      for (const n of t.names) {
        const r = client.get<KObject>(gr, ns, n);
        if (r.ok) {
          found.push(r.object);
          continue;
        }
        if (r.status.reason !== 'NotFound') {
          errors.push(serverError(r.status));
          continue;
        }
        const byPrefix = client.items<KObject>(gr, ns).filter((o) => (o.metadata?.name ?? '').startsWith(n));
        if (byPrefix.length === 0) errors.push(serverError(r.status));
        found.push(...byPrefix);
      }
      for (const o of found) outputs.push(describeOne(env, t.def, withKind(t.def, o), showEvents));
      if (t.names.length === 0 && found.length === 0 && errors.length === 0) {
        ctx.err(t.def.namespaced && !allNs ? `No resources found in ${env.namespace} namespace.` : 'No resources found');
      }
    }
    if (outputs.length > 0) ctx.out(outputs.join('\n\n').replace(/\n$/, ''));
    for (const e of errors) ctx.err(e);
    return errors.length > 0 ? 1 : 0;
  },
};
