/**
 * Subresources: status, scale, binding, eviction, finalize, log, exec, token,
 * and the review kinds (SelfSubjectAccessReview, SelfSubjectReview) that are
 * answered without being stored.
 */
import type { PodDisruptionBudget } from 'kubernetes-types/policy/v1.js';
import type { ApiServer } from './server.js';
import { fail, withKind } from './server.js';
import type { WriteHandlers } from './write.js';
import type { ApiRequest } from './request.js';
import type { ResourceDef } from './resource.js';
import { badRequest, conflict, methodNotAllowed, notFound, tooManyRequests } from './status.js';
import type { ApiResult, KObject, UserInfo } from './types.js';
import { clone, getPath, setPath } from './paths.js';
import { fromLabelSelector, matchesLabels, selectorToString } from './selectors.js';
import { isoTime } from './lifecycle.js';

const isObj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

export class SubresourceHandlers {
  constructor(
    private readonly api: ApiServer,
    private readonly writes: WriteHandlers,
  ) {}

  handle(req: ApiRequest, def: ResourceDef, user: UserInfo, ns: string | undefined): ApiResult<KObject> {
    const sub = req.subresource!;
    if (!(def.subresources ?? []).includes(sub)) return fail(notFound(`${def.plural}/${sub}`, def.group, req.name ?? ''), 'routing');
    const name = req.name!;
    switch (sub) {
      case 'status':
      case 'finalize':
        if (req.verb === 'get') return this.api.get(def, ns, name);
        if (req.verb === 'update') return this.writes.update(def, ns, name, req.body, user, req);
        if (req.verb === 'patch') return this.writes.patch(def, ns, name, req.body, req.patchType ?? 'merge', user, req);
        return fail(methodNotAllowed(), 'routing');
      case 'scale':
        return this.scale(req, def, user, ns, name);
      case 'binding':
        return req.verb === 'create' ? this.binding(req, def, user, ns!, name) : fail(methodNotAllowed(), 'routing');
      case 'eviction':
        return req.verb === 'create' ? this.eviction(req, def, user, ns!, name) : fail(methodNotAllowed(), 'routing');
      case 'log':
      case 'exec':
      case 'attach':
        return this.kubelet(req, def, ns!, name, sub);
      default:
        return fail(badRequest(`kubedojo does not emulate ${def.plural}/${sub}`), 'routing');
    }
  }

  private scale(req: ApiRequest, def: ResourceDef, user: UserInfo, ns: string | undefined, name: string): ApiResult<KObject> {
    const sc = def.scale;
    if (!sc) return fail(notFound(`${def.plural}/scale`, def.group, name), 'routing');
    const cur = this.api.store.get(this.api.keyOf(def, ns, name));
    if (!cur) return fail(notFound(def.plural, def.group, name), 'storage');
    const toScale = (o: KObject): KObject => {
      const sel = sc.labelSelector ? getPath(o, sc.labelSelector) : undefined;
      return {
        kind: 'Scale',
        apiVersion: 'autoscaling/v1',
        metadata: { name: o.metadata?.name, namespace: o.metadata?.namespace, uid: o.metadata?.uid, resourceVersion: o.metadata?.resourceVersion, creationTimestamp: o.metadata?.creationTimestamp },
        spec: { replicas: (getPath(o, sc.specReplicas) as number | undefined) ?? 0 },
        status: { replicas: (getPath(o, sc.statusReplicas) as number | undefined) ?? 0, selector: sel ? selectorToString(fromLabelSelector(sel)) : '' },
      };
    };
    if (req.verb === 'get') return { ok: true, code: 200, object: toScale(cur.value) };
    let desired: unknown;
    if (req.verb === 'update') desired = isObj(req.body) ? getPath(req.body, 'spec.replicas') : undefined;
    else if (req.verb === 'patch') {
      const p = req.body;
      desired = isObj(p) ? getPath(p, 'spec.replicas') : Array.isArray(p) ? (p.find((op: { path?: string }) => op.path === '/spec/replicas') as { value?: unknown } | undefined)?.value : undefined;
    } else return fail(methodNotAllowed(), 'routing');
    if (typeof desired !== 'number') return fail(badRequest('spec.replicas is required'), 'validation');
    const rv = isObj(req.body) ? (getPath(req.body, 'metadata.resourceVersion') as string | undefined) : undefined;
    if (rv && rv !== cur.value.metadata?.resourceVersion) return fail(conflict(def.plural, def.group, name), 'storage');
    const next = clone(cur.value);
    setPath(next as Record<string, unknown>, sc.specReplicas, desired);
    const r = this.writes.update(def, ns, name, next, user, { ...req, subresource: undefined, verb: 'update' });
    if (!r.ok) {
      if (r.status.reason === 'Invalid') {
        return fail({ ...r.status, message: r.status.message.replace(/^[^"]+"/, `Scale.autoscaling "`) }, r.stage);
      }
      return r;
    }
    return { ok: true, code: 200, object: toScale(r.object) };
  }

  private binding(req: ApiRequest, def: ResourceDef, user: UserInfo, ns: string, name: string): ApiResult<KObject> {
    const target = isObj(req.body) ? (getPath(req.body, 'target.name') as string | undefined) : undefined;
    if (!target) return fail(badRequest('Binding target.name is required'), 'validation');
    const cur = this.api.store.get(this.api.keyOf(def, ns, name));
    if (!cur) return fail(notFound(def.plural, def.group, name), 'storage');
    const pod = cur.value as { spec?: { nodeName?: string }; metadata?: { deletionTimestamp?: string } };
    if (pod.metadata?.deletionTimestamp) return fail(conflict('pods/binding', '', name, `pod ${name} is being deleted, cannot be assigned to a host`), 'storage');
    if (pod.spec?.nodeName) return fail(conflict('pods/binding', '', name, `pod ${name} is already assigned to node "${pod.spec.nodeName}"`), 'storage');
    // Stored objects are immutable: share what the binding leaves alone instead of deep-copying the pod.
    const old = cur.value as KObject & { spec?: Record<string, unknown>; status?: Record<string, unknown> };
    const conditions = ((old.status?.conditions as { type: string }[] | undefined) ?? []).filter((c) => c.type !== 'PodScheduled');
    conditions.unshift({ type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: isoTime(this.api.clock.now()) } as never);
    const next: KObject = { ...old, spec: { ...old.spec, nodeName: target }, status: { ...old.status, conditions } };
    if (req.options?.dryRun) return { ok: true, code: 201, object: statusSuccess() };
    const r = this.api.store.update(cur.key, next, cur.modRevision);
    if (!r.ok) return fail(conflict(def.plural, def.group, name), 'storage');
    return { ok: true, code: 201, object: statusSuccess() };
  }

  private eviction(req: ApiRequest, def: ResourceDef, user: UserInfo, ns: string, name: string): ApiResult<KObject> {
    const cur = this.api.store.get(this.api.keyOf(def, ns, name));
    if (!cur) return fail(notFound(def.plural, def.group, name), 'storage');
    const pod = cur.value;
    const pdbDef = this.api.registry.get('policy', 'poddisruptionbudgets');
    const phase = getPath(pod, 'status.phase');
    if (pdbDef && !pod.metadata?.deletionTimestamp && phase !== 'Succeeded' && phase !== 'Failed') {
      const pdbs = this.api.store.listDir(`/registry/poddisruptionbudgets/${ns}`).map((e) => e.value as unknown as PodDisruptionBudget);
      const matching = pdbs.filter((p) => p.spec?.selector && matchesLabels(fromLabelSelector(p.spec.selector), pod.metadata?.labels));
      if (matching.length > 1) return fail({ ...internal('This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.') }, 'validating-admission');
      const pdb = matching[0];
      if (pdb) {
        const allowed = pdb.status?.disruptionsAllowed ?? 0;
        if (allowed <= 0) {
          const st = tooManyRequests('Cannot evict pod as it would violate the pod\'s disruption budget.');
          st.details = { causes: [{ reason: 'DisruptionBudget', message: `The disruption budget ${pdb.metadata?.name} needs ${pdb.status?.desiredHealthy ?? 0} healthy pods and has ${pdb.status?.currentHealthy ?? 0} currently` }] };
          return fail(st, 'validating-admission');
        }
        const pdbKey = `/registry/poddisruptionbudgets/${ns}/${pdb.metadata?.name}`;
        const pe = this.api.store.get(pdbKey);
        if (pe && !req.options?.dryRun) {
          const np = clone(pe.value) as KObject & { status?: Record<string, unknown> };
          np.status = { ...(np.status ?? {}), disruptionsAllowed: allowed - 1 };
          this.api.store.update(pdbKey, np, pe.modRevision);
        }
      }
    }
    const grace = isObj(req.body) ? (getPath(req.body, 'deleteOptions.gracePeriodSeconds') as number | undefined) : undefined;
    const r = this.writes.delete(def, ns, name, req.user ?? { username: 'system:anonymous', groups: [] }, { ...req, subresource: undefined, verb: 'delete', options: { ...req.options, gracePeriodSeconds: grace } });
    if (!r.ok) return r;
    void user;
    return { ok: true, code: 201, object: statusSuccess() };
  }

  private kubelet(req: ApiRequest, def: ResourceDef, ns: string, name: string, sub: string): ApiResult<KObject> {
    const cur = this.api.store.get(this.api.keyOf(def, ns, name));
    if (!cur) return fail(notFound(def.plural, def.group, name), 'storage');
    const node = getPath(cur.value, 'spec.nodeName') as string | undefined;
    const conn = node ? this.api.kubeletFor(node) : undefined;
    if (!node || !conn) return fail(badRequest(`pod ${name} does not have a host assigned`), 'routing');
    const params = req.options?.params ?? {};
    if (sub === 'log') {
      const r = conn.logs(ns, name, params);
      if (!r.ok) return fail(r.status, 'routing');
      return { ok: true, code: 200, object: { kind: 'Log', text: r.text } as KObject };
    }
    const body = isObj(req.body) ? req.body : {};
    const command = Array.isArray(body.command) ? (body.command as string[]) : [];
    const r = conn.exec(ns, name, params, command, typeof body.stdin === 'string' ? body.stdin : undefined);
    if (!r.ok) return fail(r.status, 'routing');
    return { ok: true, code: 200, object: { kind: 'ExecResult', stdout: r.stdout, stderr: r.stderr, exitCode: r.exitCode } as KObject };
  }
}

function statusSuccess(): KObject {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 };
}

function internal(message: string) {
  return { kind: 'Status' as const, apiVersion: 'v1' as const, metadata: {}, status: 'Failure' as const, message, reason: 'InternalError', code: 500 };
}

export { withKind };
