/** `describe` for services, config, storage, autoscaling, networking, policy and RBAC kinds, plus the generic fallback. */
import type { KObject } from '../../../cluster/api/types.js';
import { formatLabels, formatSelector } from '../../../cluster/api/printers/common.js';
import { accessModes, isDefaultClass, volumeClass } from '../../../cluster/api/printers/storage.js';
import { annotationsMultiline, describeEvents, get, labelsMultiline, rfc1123z, since } from './format.js';
import { PrefixWriter } from './writer.js';

type Ev = KObject[] | undefined;

function head(w: PrefixWriter, o: KObject, namespaced = true): void {
  w.write(0, `Name:\t${o.metadata?.name ?? ''}\n`);
  if (namespaced) w.write(0, `Namespace:\t${o.metadata?.namespace ?? ''}\n`);
  labelsMultiline(w, 'Labels', o.metadata?.labels);
  annotationsMultiline(w, 'Annotations', o.metadata?.annotations);
}

export function describeService(svc: KObject, slices: KObject[], events: Ev, now: number): string {
  const w = new PrefixWriter();
  const spec = (svc.spec ?? {}) as any;
  head(w, svc);
  w.write(0, `Selector:\t${formatLabels(spec.selector)}\n`);
  w.write(0, `Type:\t${spec.type ?? ''}\n`);
  if (spec.ipFamilyPolicy) w.write(0, `IP Family Policy:\t${spec.ipFamilyPolicy}\n`);
  w.write(0, `IP Families:\t${(spec.ipFamilies ?? []).join(',') || '<none>'}\n`);
  w.write(0, `IP:\t${spec.clusterIP ?? ''}\n`);
  w.write(0, `IPs:\t${(spec.clusterIPs ?? []).join(',') || '<none>'}\n`);
  if ((spec.externalIPs ?? []).length) w.write(0, `External IPs:\t${spec.externalIPs.join(',')}\n`);
  if (spec.loadBalancerIP) w.write(0, `IP:\t${spec.loadBalancerIP}\n`);
  if (spec.externalName) w.write(0, `External Name:\t${spec.externalName}\n`);
  const lb = (get(svc, 'status', 'loadBalancer', 'ingress') ?? []) as { ip?: string; hostname?: string; ipMode?: string }[];
  if (lb.length) w.write(0, `LoadBalancer Ingress:\t${lb.map((i) => `${i.ip || i.hostname}${i.ipMode ? ` (${i.ipMode})` : ''}`).join(', ')}\n`);
  for (const p of spec.ports ?? []) {
    const name = p.name || '<unset>';
    const proto = p.protocol ?? 'TCP';
    w.write(0, `Port:\t${name}\t${p.port}/${proto}\n`);
    w.write(0, `TargetPort:\t${p.targetPort ?? p.port}/${proto}\n`);
    if (p.nodePort) w.write(0, `NodePort:\t${name}\t${p.nodePort}/${proto}\n`);
    w.write(0, `Endpoints:\t${sliceEndpoints(slices, p.name ?? '')}\n`);
  }
  w.write(0, `Session Affinity:\t${spec.sessionAffinity ?? 'None'}\n`);
  if (spec.externalTrafficPolicy) w.write(0, `External Traffic Policy:\t${spec.externalTrafficPolicy}\n`);
  if (spec.internalTrafficPolicy) w.write(0, `Internal Traffic Policy:\t${spec.internalTrafficPolicy}\n`);
  if (spec.healthCheckNodePort) w.write(0, `HealthCheck NodePort:\t${spec.healthCheckNodePort}\n`);
  if ((spec.loadBalancerSourceRanges ?? []).length) w.write(0, `LoadBalancer Source Ranges:\t${spec.loadBalancerSourceRanges.join(',')}\n`);
  describeEvents(w, events, now);
  return w.toString();
}

export function sliceEndpoints(slices: KObject[], portName: string): string {
  const list: string[] = [];
  let count = 0;
  for (const s of slices) {
    for (const port of (get(s, 'ports') ?? []) as { name?: string; port?: number }[]) {
      if ((port.name ?? '') !== portName) continue;
      for (const e of (get(s, 'endpoints') ?? []) as { addresses?: string[]; conditions?: { ready?: boolean } }[]) {
        if (e.conditions?.ready === false) continue;
        for (const a of e.addresses ?? []) {
          count++;
          if (list.length < 3) list.push(`${a}:${port.port}`);
        }
      }
    }
  }
  if (list.length === 0) return '<none>';
  return count > 3 ? `${list.join(',')} + ${count - 3} more...` : list.join(',');
}

export function describeEndpoints(ep: KObject, events: Ev, now: number): string {
  const w = new PrefixWriter();
  head(w, ep);
  w.write(0, 'Subsets:\n');
  for (const s of (get(ep, 'subsets') ?? []) as any[]) {
    w.write(1, `Addresses:\t${(s.addresses ?? []).map((a: any) => a.ip).join(',') || '<none>'}\n`);
    w.write(1, `NotReadyAddresses:\t${(s.notReadyAddresses ?? []).map((a: any) => a.ip).join(',') || '<none>'}\n`);
    if ((s.ports ?? []).length) {
      w.write(1, 'Ports:\n    Name\tPort\tProtocol\n');
      w.write(2, '----\t----\t--------\n');
      for (const p of s.ports) w.write(2, `${p.name || '<unset>'}\t${p.port}\t${p.protocol ?? 'TCP'}\n`);
    }
    w.write(0, '\n');
  }
  describeEvents(w, events, now);
  return w.toString();
}

export function describeNamespace(ns: KObject, quotas: KObject[], limits: KObject[]): string {
  const w = new PrefixWriter();
  w.write(0, `Name:\t${ns.metadata?.name ?? ''}\n`);
  labelsMultiline(w, 'Labels', ns.metadata?.labels);
  annotationsMultiline(w, 'Annotations', ns.metadata?.annotations);
  w.write(0, `Status:\t${get(ns, 'status', 'phase') ?? ''}\n`);
  const conds = (get(ns, 'status', 'conditions') ?? []) as any[];
  if (conds.length) {
    w.write(0, 'Conditions:\n');
    w.write(1, 'Type\tStatus\tLastTransitionTime\tReason\tMessage\n');
    w.write(1, '----\t------\t------------------\t------\t-------\n');
    for (const c of conds) w.write(1, `${c.type}\t${c.status}\t${rfc1123z(c.lastTransitionTime)}\t${c.reason ?? ''}\t${c.message ?? ''}\n`);
  }
  w.write(0, '\n');
  if (quotas.length === 0) w.write(0, 'No resource quota.\n');
  else {
    w.write(0, 'Resource Quotas\n');
    for (const q of [...quotas].sort((a, b) => ((a.metadata?.name ?? '') < (b.metadata?.name ?? '') ? -1 : 1))) {
      w.write(1, `Name:\t${q.metadata?.name ?? ''}\n`);
      w.write(1, 'Resource\tUsed\tHard\n');
      w.write(1, '--------\t---\t---\n');
      const hard = (get(q, 'status', 'hard') ?? {}) as Record<string, string>;
      const used = (get(q, 'status', 'used') ?? {}) as Record<string, string>;
      for (const r of Object.keys(hard).sort()) w.write(1, `${r}\t${used[r] ?? '0'}\t${hard[r]}\n`);
    }
  }
  w.write(0, '\n');
  if (limits.length === 0) w.write(0, 'No LimitRange resource.\n');
  else {
    w.write(0, 'Resource Limits\n Type\tResource\tMin\tMax\tDefault Request\tDefault Limit\tMax Limit/Request Ratio\n');
    w.write(0, ' ----\t--------\t---\t---\t---------------\t-------------\t-----------------------\n');
    for (const lr of limits) limitRangeRows(w, lr, ' ');
  }
  return w.toString();
}

function limitRangeRows(w: PrefixWriter, lr: KObject, prefix: string): void {
  for (const item of (get(lr, 'spec', 'limits') ?? []) as any[]) {
    const keys = new Set<string>();
    for (const f of ['max', 'min', 'default', 'defaultRequest', 'maxLimitRequestRatio']) for (const k of Object.keys(item[f] ?? {})) keys.add(k);
    for (const k of keys) {
      const v = (f: string) => item[f]?.[k] ?? '-';
      w.write(0, `${prefix}${item.type}\t${k}\t${v('min')}\t${v('max')}\t${v('defaultRequest')}\t${v('default')}\t${v('maxLimitRequestRatio')}\n`);
    }
  }
}

export function describeLimitRange(lr: KObject): string {
  const w = new PrefixWriter();
  w.write(0, `Name:\t${lr.metadata?.name ?? ''}\n`);
  w.write(0, `Namespace:\t${lr.metadata?.namespace ?? ''}\n`);
  w.write(0, 'Type\tResource\tMin\tMax\tDefault Request\tDefault Limit\tMax Limit/Request Ratio\n');
  w.write(0, '----\t--------\t---\t---\t---------------\t-------------\t-----------------------\n');
  limitRangeRows(w, lr, '');
  return w.toString();
}

export function describeQuota(q: KObject): string {
  const w = new PrefixWriter();
  w.write(0, `Name:\t${q.metadata?.name ?? ''}\n`);
  w.write(0, `Namespace:\t${q.metadata?.namespace ?? ''}\n`);
  w.write(0, 'Resource\tUsed\tHard\n');
  w.write(0, '--------\t----\t----\n');
  const hard = (get(q, 'status', 'hard') ?? {}) as Record<string, string>;
  const used = (get(q, 'status', 'used') ?? {}) as Record<string, string>;
  for (const r of Object.keys(hard).sort()) w.write(0, `${r}\t${used[r] ?? '0'}\t${hard[r]}\n`);
  return w.toString();
}

export function describeConfigMap(cm: KObject, events: Ev, now: number): string {
  const w = new PrefixWriter();
  head(w, cm);
  w.write(0, '\nData\n====\n');
  const data = (get(cm, 'data') ?? {}) as Record<string, string>;
  for (const k of Object.keys(data).sort()) w.write(0, `${k}:\n----\n${data[k]}\n\n`);
  w.write(0, '\nBinaryData\n====\n');
  const bin = (get(cm, 'binaryData') ?? {}) as Record<string, string>;
  for (const k of Object.keys(bin).sort()) w.write(0, `${k}: ${Buffer.from(bin[k]!, 'base64').length} bytes\n`);
  w.write(0, '\n');
  describeEvents(w, events, now);
  return w.toString();
}

export function describeSecret(s: KObject): string {
  const w = new PrefixWriter();
  head(w, s);
  w.write(0, `\nType:\t${get(s, 'type') ?? ''}\n`);
  w.write(0, '\nData\n====\n');
  const data = (get(s, 'data') ?? {}) as Record<string, string>;
  for (const k of Object.keys(data).sort()) {
    const bytes = Buffer.from(data[k]!, 'base64');
    if (k === 'token' && get(s, 'type') === 'kubernetes.io/service-account-token') w.write(0, `${k}:\t${bytes.toString('utf8')}\n`);
    else w.write(0, `${k}:\t${bytes.length} bytes\n`);
  }
  return w.toString();
}

export function describeServiceAccount(sa: KObject, events: Ev, now: number): string {
  const w = new PrefixWriter();
  head(w, sa);
  const groups: [string, string[]][] = [
    ['Image pull secrets:', ((get(sa, 'imagePullSecrets') ?? []) as { name: string }[]).map((s) => s.name)],
    ['Mountable secrets:', ((get(sa, 'secrets') ?? []) as { name: string }[]).map((s) => s.name)],
    ['Tokens:', []],
  ];
  for (const [header, names] of groups) {
    if (names.length === 0) w.write(0, `${header}\t<none>\n`);
    else names.forEach((n, i) => w.write(0, `${i === 0 ? header : ' '.repeat(header.length)}\t${n}\n`));
  }
  describeEvents(w, events, now);
  return w.toString();
}

export function describePVC(pvc: KObject, usedBy: string[], events: Ev, now: number): string {
  const w = new PrefixWriter();
  const spec = (pvc.spec ?? {}) as any;
  w.write(0, `Name:\t${pvc.metadata?.name ?? ''}\n`);
  w.write(0, `Namespace:\t${pvc.metadata?.namespace ?? ''}\n`);
  w.write(0, `StorageClass:\t${volumeClass(pvc)}\n`);
  w.write(0, pvc.metadata?.deletionTimestamp ? `Status:\tTerminating (lasts ${since(pvc.metadata.deletionTimestamp, now)})\n` : `Status:\t${get(pvc, 'status', 'phase') ?? ''}\n`);
  w.write(0, `Volume:\t${spec.volumeName ?? ''}\n`);
  labelsMultiline(w, 'Labels', pvc.metadata?.labels);
  annotationsMultiline(w, 'Annotations', pvc.metadata?.annotations);
  w.write(0, `Finalizers:\t[${(pvc.metadata?.finalizers ?? []).join(' ')}]\n`);
  w.write(0, `Capacity:\t${spec.volumeName ? (get(pvc, 'status', 'capacity', 'storage') ?? '0') : ''}\n`);
  w.write(0, `Access Modes:\t${spec.volumeName ? accessModes(get(pvc, 'status', 'accessModes')) : ''}\n`);
  if (spec.volumeMode) w.write(0, `VolumeMode:\t${spec.volumeMode}\n`);
  w.write(0, 'Used By:\t');
  if (usedBy.length === 0) w.line('<none>');
  else usedBy.forEach((n, i) => w.write(0, `${i === 0 ? '' : '\t'}${n}\n`));
  const conds = (get(pvc, 'status', 'conditions') ?? []) as { type: string; status: string; lastProbeTime?: string; lastTransitionTime?: string; reason?: string; message?: string }[];
  if (conds.length > 0) {
    w.write(0, 'Conditions:\n');
    w.write(1, 'Type\tStatus\tLastProbeTime\tLastTransitionTime\tReason\tMessage\n');
    w.write(1, '----\t------\t-----------------\t------------------\t------\t-------\n');
    for (const c of conds) w.write(1, `${c.type}\t${c.status}\t${c.lastProbeTime ? rfc1123z(c.lastProbeTime) : 'Mon, 01 Jan 0001 00:00:00 +0000'}\t${rfc1123z(c.lastTransitionTime)}\t${c.reason ?? ''}\t${c.message ?? ''}\n`);
  }
  describeEvents(w, events, now);
  return w.toString();
}

export function describePV(pv: KObject, events: Ev, now: number): string {
  const w = new PrefixWriter();
  const spec = (pv.spec ?? {}) as any;
  w.write(0, `Name:\t${pv.metadata?.name ?? ''}\n`);
  labelsMultiline(w, 'Labels', pv.metadata?.labels);
  annotationsMultiline(w, 'Annotations', pv.metadata?.annotations);
  w.write(0, `Finalizers:\t[${(pv.metadata?.finalizers ?? []).join(' ')}]\n`);
  w.write(0, `StorageClass:\t${volumeClass(pv)}\n`);
  w.write(0, pv.metadata?.deletionTimestamp ? `Status:\tTerminating (lasts ${since(pv.metadata.deletionTimestamp, now)})\n` : `Status:\t${get(pv, 'status', 'phase') ?? ''}\n`);
  w.write(0, `Claim:\t${spec.claimRef ? `${spec.claimRef.namespace}/${spec.claimRef.name}` : ''}\n`);
  w.write(0, `Reclaim Policy:\t${spec.persistentVolumeReclaimPolicy ?? ''}\n`);
  w.write(0, `Access Modes:\t${accessModes(spec.accessModes)}\n`);
  if (spec.volumeMode) w.write(0, `VolumeMode:\t${spec.volumeMode}\n`);
  w.write(0, `Capacity:\t${spec.capacity?.storage ?? ''}\n`);
  const terms = (spec.nodeAffinity?.required?.nodeSelectorTerms ?? []) as { matchExpressions?: { key: string; operator: string; values?: string[] }[] }[];
  if (!spec.nodeAffinity) w.write(0, 'Node Affinity:\t<none>\n');
  else {
    w.write(0, 'Node Affinity:\t\n');
    w.write(1, 'Required Terms:\t\n');
    terms.forEach((t, i) => w.write(2, `Term ${i}:\t${(t.matchExpressions ?? []).map((e) => `${e.key} ${e.operator.toLowerCase()} [${(e.values ?? []).join(', ')}]`).join(', ')}\n`));
  }
  w.write(0, `Message:\t${get(pv, 'status', 'message') ?? ''}\n`);
  w.write(0, 'Source:\n');
  if (spec.csi) {
    w.write(1, `Type:\tCSI (a Container Storage Interface (CSI) volume source)\n    Driver:\t${spec.csi.driver}\n    FSType:\t${spec.csi.fsType ?? ''}\n    VolumeHandle:\t${spec.csi.volumeHandle}\n    ReadOnly:\t${spec.csi.readOnly === true}\n`);
    const attrs = Object.entries((spec.csi.volumeAttributes ?? {}) as Record<string, string>).sort(([a], [b]) => a.localeCompare(b));
    attrs.forEach(([k, v], i) => w.write(2, `${i === 0 ? 'VolumeAttributes:' : ''}\t${k}=${v}\n`));
  }
  else if (spec.hostPath) w.write(1, `Type:\tHostPath (bare host directory volume)\n    Path:\t${spec.hostPath.path}\n    HostPathType:\t${spec.hostPath.type ?? ''}\n`);
  describeEvents(w, events, now);
  return w.toString();
}

export function describeStorageClass(sc: KObject, events: Ev, now: number): string {
  const w = new PrefixWriter();
  const o = sc as any;
  w.write(0, `Name:\t${sc.metadata?.name ?? ''}\n`);
  w.write(0, `IsDefaultClass:\t${isDefaultClass(sc) ? 'Yes' : 'No'}\n`);
  w.write(0, `Annotations:\t${formatLabels(sc.metadata?.annotations)}\n`);
  w.write(0, `Provisioner:\t${o.provisioner ?? ''}\n`);
  w.write(0, `Parameters:\t${formatLabels(o.parameters)}\n`);
  w.write(0, `AllowVolumeExpansion:\t${o.allowVolumeExpansion === undefined ? '<unset>' : o.allowVolumeExpansion ? 'True' : 'False'}\n`);
  w.write(0, `MountOptions:\t${(o.mountOptions ?? []).join(', ') || '<none>'}\n`);
  w.write(0, `ReclaimPolicy:\t${o.reclaimPolicy ?? ''}\n`);
  w.write(0, `VolumeBindingMode:\t${o.volumeBindingMode ?? ''}\n`);
  describeEvents(w, events, now);
  return w.toString();
}

export function describeHPA(hpa: KObject, events: Ev, now: number): string {
  const w = new PrefixWriter();
  const spec = (hpa.spec ?? {}) as any;
  const st = (hpa.status ?? {}) as any;
  head(w, hpa);
  w.write(0, `CreationTimestamp:\t${rfc1123z(hpa.metadata?.creationTimestamp)}\n`);
  w.write(0, `Reference:\t${spec.scaleTargetRef?.kind ?? ''}/${spec.scaleTargetRef?.name ?? ''}\n`);
  w.write(0, 'Metrics:\t( current / target )\n');
  (spec.metrics ?? []).forEach((m: any, i: number) => {
    const cur = st.currentMetrics?.[i];
    if (m.type === 'Resource') {
      w.write(1, `resource ${m.resource.name} on pods`);
      const t = m.resource.target ?? {};
      if (t.averageValue) w.write(0, `:\t${cur?.resource?.current?.averageValue ?? '<unknown>'} / ${t.averageValue}\n`);
      else {
        const c = cur?.resource?.current;
        const current = c?.averageUtilization !== undefined ? `${c.averageUtilization}% (${c.averageValue ?? '0'})` : '<unknown>';
        w.write(1, `(as a percentage of request):\t${current} / ${t.averageUtilization !== undefined ? `${t.averageUtilization}%` : '<auto>'}\n`);
      }
    } else if (m.type === 'Pods') w.write(1, `"${m.pods.metric.name}" on pods:\t${cur?.pods?.current?.averageValue ?? '<unknown>'} / ${m.pods.target?.averageValue ?? ''}\n`);
    else if (m.type === 'External' && m.external) {
      const t = m.external.target ?? {};
      const c = cur?.external?.current;
      if (t.averageValue !== undefined) w.write(1, `"${m.external.metric?.name}" (target average value):\t${c?.averageValue ?? '<unknown>'} / ${t.averageValue}\n`);
      else w.write(1, `"${m.external.metric?.name}" (target value):\t${c?.value ?? '<unknown>'} / ${t.value ?? ''}\n`);
    } else w.write(1, `<unknown metric type "${m.type}">\n`);
  });
  w.write(0, `Min replicas:\t${spec.minReplicas ?? '<unset>'}\n`);
  w.write(0, `Max replicas:\t${spec.maxReplicas ?? 0}\n`);
  w.write(0, `${spec.scaleTargetRef?.kind ?? ''} pods:\t${st.currentReplicas ?? 0} current / ${st.desiredReplicas ?? 0} desired\n`);
  if ((st.conditions ?? []).length) {
    w.write(0, 'Conditions:\n');
    w.write(1, 'Type\tStatus\tReason\tMessage\n');
    w.write(1, '----\t------\t------\t-------\n');
    for (const c of st.conditions) w.write(1, `${c.type}\t${c.status}\t${c.reason ?? ''}\t${c.message ?? ''}\n`);
  }
  describeEvents(w, events, now);
  return w.toString();
}

export function describePDB(pdb: KObject, events: Ev, now: number): string {
  const w = new PrefixWriter();
  const spec = (pdb.spec ?? {}) as any;
  const st = (pdb.status ?? {}) as any;
  w.write(0, `Name:\t${pdb.metadata?.name ?? ''}\n`);
  w.write(0, `Namespace:\t${pdb.metadata?.namespace ?? ''}\n`);
  if (spec.minAvailable !== undefined) w.write(0, `Min available:\t${spec.minAvailable}\n`);
  if (spec.maxUnavailable !== undefined) w.write(0, `Max unavailable:\t${spec.maxUnavailable}\n`);
  w.write(0, `Selector:\t${spec.selector ? formatSelector(spec.selector) : '<unset>'}\n`);
  w.write(0, 'Status:\n');
  w.write(2, `Allowed disruptions:\t${st.disruptionsAllowed ?? 0}\n`);
  w.write(2, `Current:\t${st.currentHealthy ?? 0}\n`);
  w.write(2, `Desired:\t${st.desiredHealthy ?? 0}\n`);
  w.write(2, `Total:\t${st.expectedPods ?? 0}\n`);
  describeEvents(w, events, now);
  return w.toString();
}

const goList = (a: string[] | undefined) => `[${(a ?? []).join(' ')}]`;

export function describeRole(role: KObject): string {
  const w = new PrefixWriter();
  head(w, role, false);
  w.write(0, 'PolicyRule:\n');
  w.write(1, 'Resources\tNon-Resource URLs\tResource Names\tVerbs\n');
  w.write(1, '---------\t-----------------\t--------------\t-----\n');
  const rows: { key: string; text: string }[] = [];
  for (const r of (get(role, 'rules') ?? []) as any[]) {
    for (const g of r.apiGroups ?? ['']) {
      for (const res of r.resources ?? []) {
        const [base, sub] = res.split('/', 2);
        const name = `${base}${g ? `.${g}` : ''}${sub ? `/${sub}` : ''}`;
        rows.push({ key: name, text: `${name}\t[]\t${goList(r.resourceNames)}\t${goList(r.verbs)}\n` });
      }
    }
    for (const u of r.nonResourceURLs ?? []) rows.push({ key: '', text: `\t[${u}]\t[]\t${goList(r.verbs)}\n` });
  }
  for (const row of rows.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))) w.write(1, row.text);
  return w.toString();
}

export function describeRoleBinding(b: KObject): string {
  const w = new PrefixWriter();
  head(w, b, false);
  w.write(0, 'Role:\n');
  w.write(1, `Kind:\t${get(b, 'roleRef', 'kind') ?? ''}\n`);
  w.write(1, `Name:\t${get(b, 'roleRef', 'name') ?? ''}\n`);
  w.write(0, 'Subjects:\n');
  w.write(1, 'Kind\tName\tNamespace\n');
  w.write(1, '----\t----\t---------\n');
  for (const s of (get(b, 'subjects') ?? []) as any[]) w.write(1, `${s.kind}\t${s.name}\t${s.namespace ?? ''}\n`);
  return w.toString();
}

export function describePriorityClass(pc: KObject, events: Ev, now: number): string {
  const w = new PrefixWriter();
  const o = pc as any;
  w.write(0, `Name:\t${pc.metadata?.name ?? ''}\n`);
  w.write(0, `Value:\t${o.value ?? 0}\n`);
  w.write(0, `GlobalDefault:\t${o.globalDefault === true}\n`);
  w.write(0, `PreemptionPolicy:\t${o.preemptionPolicy ?? ''}\n`);
  w.write(0, `Description:\t${o.description ?? ''}\n`);
  annotationsMultiline(w, 'Annotations', pc.metadata?.annotations);
  describeEvents(w, events, now);
  return w.toString();
}

/** smartLabelFor: `creationTimestamp` → `Creation Timestamp`, `uid` → `UID`. */
export function smartLabel(field: string): string {
  if (/[^\p{L}-]/u.test(field)) return field;
  const parts = field.match(/[A-Z]+(?![a-z])|[A-Z]?[a-z]+|-/g) ?? [field];
  return parts
    .map((p) => (['API', 'URL', 'UID', 'GUID'].includes(p.toUpperCase()) ? p.toUpperCase() : p === p.toLowerCase() ? p[0]!.toUpperCase() + p.slice(1) : p))
    .join(' ');
}

function unstructured(w: PrefixWriter, level: number, content: Record<string, unknown>, prefix: string, skip: string[]): void {
  for (const field of Object.keys(content).sort()) {
    const path = `${prefix}.${field}`;
    if (skip.includes(path)) continue;
    const v = content[field];
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      w.write(level, `${smartLabel(field)}:\n`);
      unstructured(w, level + 1, v as Record<string, unknown>, path, skip);
    } else if (Array.isArray(v)) {
      w.write(level, `${smartLabel(field)}:\n`);
      for (const child of v) {
        if (child && typeof child === 'object' && !Array.isArray(child)) unstructured(w, level + 1, child as Record<string, unknown>, path, skip);
        else w.write(level + 1, `${String(child)}\n`);
      }
    } else w.write(level, `${smartLabel(field)}:\t${v === null ? '<nil>' : String(v)}\n`);
  }
}

export function describeGeneric(o: KObject, events: Ev, now: number): string {
  const w = new PrefixWriter();
  w.write(0, `Name:\t${o.metadata?.name ?? ''}\n`);
  w.write(0, `Namespace:\t${o.metadata?.namespace ?? ''}\n`);
  labelsMultiline(w, 'Labels', o.metadata?.labels);
  annotationsMultiline(w, 'Annotations', o.metadata?.annotations);
  unstructured(w, 0, o as Record<string, unknown>, '', ['.metadata.managedFields', '.metadata.name', '.metadata.namespace', '.metadata.labels', '.metadata.annotations']);
  describeEvents(w, events, now);
  return w.toString();
}
