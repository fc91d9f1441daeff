/**
 * ValidatePodSpec, paraphrased: the checks a learner runs into (container
 * names, images, ports, resources, env, volumes and mounts, restart and DNS
 * policy, tolerations), with upstream field paths and messages.
 */
import type { Container, ContainerPort, PodSpec, ResourceRequirements, Toleration } from 'kubernetes-types/core/v1.js';
import type { FieldError } from '../status.js';
import { parseQuantity, QUANTITY_MSG } from '../quantity.js';
import { nameErrors, labelErrors } from './names.js';
import { duplicate, forbiddenField, inRange, invalidValue, nonNegative, notSupported, required } from './common.js';
import { schedulingErrors } from '../../scheduler/validation.js';

const RESTART = ['Always', 'OnFailure', 'Never'];
const DNS = ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'];
const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];
const PULL = ['Always', 'IfNotPresent', 'Never'];
const EFFECTS = ['NoExecute', 'NoSchedule', 'PreferNoSchedule'];

const ENV_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;
const ENV_NAME_MSG = "a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')";

const IANA_NAME = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;

/** IsValidPortName: an IANA_SVC_NAME (what container and service port names must be). */
export function portNameErrors(name: string, field: string): FieldError[] {
  const errs: FieldError[] = [];
  if (name.length > 15) errs.push(invalidValue(field, name, 'must be no more than 15 characters'));
  if (!/^[-a-z0-9]+$/.test(name)) errs.push(invalidValue(field, name, "must contain only alpha-numerics and '-'"));
  else if (!/[a-z]/.test(name)) errs.push(invalidValue(field, name, 'must contain at least one letter (a-z)'));
  else if (name.includes('--')) errs.push(invalidValue(field, name, "must not contain consecutive hyphens"));
  else if (!IANA_NAME.test(name)) errs.push(invalidValue(field, name, "must not begin or end with a hyphen"));
  return errs;
}

export function portNumberErrors(port: unknown, field: string): FieldError[] {
  if (typeof port !== 'number') return [required(field)];
  return inRange(port, 1, 65535, field);
}

function portErrors(ports: ContainerPort[] | undefined, field: string): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set<string>();
  (ports ?? []).forEach((p, i) => {
    const f = `${field}[${i}]`;
    if (p.name) {
      errs.push(...portNameErrors(p.name, `${f}.name`));
      if (names.has(p.name)) errs.push(duplicate(`${f}.name`, p.name));
      names.add(p.name);
    }
    if (p.containerPort === undefined) errs.push(required(`${f}.containerPort`));
    else errs.push(...inRange(p.containerPort, 1, 65535, `${f}.containerPort`));
    if (p.hostPort !== undefined && p.hostPort !== 0) errs.push(...inRange(p.hostPort, 1, 65535, `${f}.hostPort`));
    if (p.protocol && !PROTOCOLS.includes(p.protocol)) errs.push(notSupported(`${f}.protocol`, p.protocol, PROTOCOLS));
  });
  return errs;
}

/** Requests and limits: valid quantities, not negative, requests <= limits. */
export function resourceErrors(r: ResourceRequirements | undefined, field: string): FieldError[] {
  const errs: FieldError[] = [];
  const limits = (r?.limits ?? {}) as Record<string, unknown>;
  const requests = (r?.requests ?? {}) as Record<string, unknown>;
  for (const [kind, map] of [['limits', limits], ['requests', requests]] as const) {
    for (const [name, v] of Object.entries(map)) {
      const f = `${field}.${kind}[${name}]`;
      const q = parseQuantity(v);
      if (q === undefined) errs.push(invalidValue(f, v, QUANTITY_MSG));
      else if (q < 0) errs.push(invalidValue(f, v, 'must be greater than or equal to 0'));
    }
  }
  for (const [name, v] of Object.entries(requests)) {
    const req = parseQuantity(v);
    const lim = parseQuantity(limits[name]);
    if (req === undefined || lim === undefined) continue;
    if (req > lim) errs.push(invalidValue(`${field}.requests`, String(v), `must be less than or equal to ${name} limit of ${String(limits[name])}`));
  }
  return errs;
}

function containerErrors(c: Container, f: string, volumes: Set<string>, creating: boolean): FieldError[] {
  const errs: FieldError[] = [];
  if (!c.image && creating) errs.push(required(`${f}.image`));
  if (c.imagePullPolicy && !PULL.includes(c.imagePullPolicy)) errs.push(notSupported(`${f}.imagePullPolicy`, c.imagePullPolicy, PULL));
  errs.push(...portErrors(c.ports, `${f}.ports`));
  errs.push(...resourceErrors(c.resources, `${f}.resources`));
  (c.env ?? []).forEach((e, i) => {
    const ef = `${f}.env[${i}]`;
    if (!e.name) errs.push(required(`${ef}.name`));
    else if (!ENV_NAME.test(e.name)) errs.push(invalidValue(`${ef}.name`, e.name, ENV_NAME_MSG));
    if (e.value !== undefined && e.value !== '' && e.valueFrom) errs.push(invalidValue(`${ef}.valueFrom`, '', 'may not be specified when `value` is not empty'));
  });
  const mountPaths = new Set<string>();
  (c.volumeMounts ?? []).forEach((m, i) => {
    const mf = `${f}.volumeMounts[${i}]`;
    if (!m.name) errs.push(required(`${mf}.name`));
    else if (!volumes.has(m.name)) errs.push({ type: 'NotFound', field: `${mf}.name`, value: m.name });
    if (!m.mountPath) errs.push(required(`${mf}.mountPath`));
    else if (mountPaths.has(m.mountPath)) errs.push(invalidValue(`${mf}.mountPath`, m.mountPath, 'must be unique'));
    else mountPaths.add(m.mountPath);
  });
  for (const [probe, name] of [
    [c.livenessProbe, 'livenessProbe'],
    [c.readinessProbe, 'readinessProbe'],
    [c.startupProbe, 'startupProbe'],
  ] as const) {
    if (!probe) continue;
    const pf = `${f}.${name}`;
    const handlers = ['exec', 'httpGet', 'tcpSocket', 'grpc'].filter((h) => (probe as Record<string, unknown>)[h] !== undefined);
    if (handlers.length === 0) errs.push(required(pf, 'must specify a handler type'));
    else if (handlers.length > 1) errs.push(forbiddenField(`${pf}.${handlers[1]}`, 'may not specify more than 1 handler type'));
    if ((name === 'livenessProbe' || name === 'startupProbe') && probe.successThreshold !== undefined && probe.successThreshold !== 1)
      errs.push(invalidValue(`${pf}.successThreshold`, probe.successThreshold, 'must be 1'));
    errs.push(...nonNegative(probe.initialDelaySeconds, `${pf}.initialDelaySeconds`));
  }
  return errs;
}

function tolerationErrors(tols: Toleration[] | undefined, field: string): FieldError[] {
  const errs: FieldError[] = [];
  (tols ?? []).forEach((t, i) => {
    const f = `${field}[${i}]`;
    if (t.operator && t.operator !== 'Exists' && t.operator !== 'Equal') errs.push(notSupported(`${f}.operator`, t.operator, ['Equal', 'Exists']));
    if (t.operator === 'Exists' && t.value) errs.push(invalidValue(`${f}.operator`, t.value, "value must be empty when `operator` is 'Exists'"));
    if (!t.key && t.operator !== 'Exists') errs.push(invalidValue(`${f}.operator`, t.operator ?? '', "operator must be Exists when `key` is empty, which means \"match all values and all keys\""));
    if (t.effect && !EFFECTS.includes(t.effect)) errs.push(notSupported(`${f}.effect`, t.effect, EFFECTS));
    if (t.tolerationSeconds !== undefined && t.effect !== 'NoExecute') errs.push(invalidValue(`${f}.effect`, t.effect ?? '', "effect must be 'NoExecute' when `tolerationSeconds` is set"));
  });
  return errs;
}

export interface PodSpecOptions {
  /** `spec` for pods, `spec.template.spec` for workloads. */
  path: string;
  /** Images are required on create (kubectl may strip them on update patches). */
  creating: boolean;
}

export function podSpecErrors(spec: PodSpec | undefined, o: PodSpecOptions): FieldError[] {
  const p = o.path;
  if (!spec) return [required(p)];
  const errs: FieldError[] = [];
  const volumes = new Set<string>();
  (spec.volumes ?? []).forEach((v, i) => {
    const f = `${p}.volumes[${i}]`;
    if (!v.name) errs.push(required(`${f}.name`));
    else {
      errs.push(...nameErrors(v.name, 'label', `${f}.name`));
      if (volumes.has(v.name)) errs.push(duplicate(`${f}.name`, v.name));
      volumes.add(v.name);
    }
    const sources = Object.keys(v).filter((k) => k !== 'name');
    if (sources.length === 0) errs.push(required(f, 'must specify a volume type'));
    else if (sources.length > 1) errs.push(forbiddenField(`${f}.${sources[1]}`, 'may not specify more than 1 volume type'));
  });
  if (!spec.containers || spec.containers.length === 0) errs.push(required(`${p}.containers`));
  const names = new Set<string>();
  for (const [list, key] of [
    [spec.initContainers, 'initContainers'],
    [spec.containers, 'containers'],
  ] as const) {
    (list ?? []).forEach((c, i) => {
      const f = `${p}.${key}[${i}]`;
      if (!c.name) errs.push(required(`${f}.name`));
      else {
        errs.push(...nameErrors(c.name, 'label', `${f}.name`));
        if (names.has(c.name)) errs.push(duplicate(`${f}.name`, c.name));
        names.add(c.name);
      }
      errs.push(...containerErrors(c, f, volumes, o.creating));
    });
  }
  if (spec.restartPolicy && !RESTART.includes(spec.restartPolicy)) errs.push(notSupported(`${p}.restartPolicy`, spec.restartPolicy, RESTART));
  if (spec.dnsPolicy && !DNS.includes(spec.dnsPolicy)) errs.push(notSupported(`${p}.dnsPolicy`, spec.dnsPolicy, DNS));
  if (spec.dnsPolicy === 'None' && !spec.dnsConfig) errs.push(required(`${p}.dnsConfig`, "must provide `dnsConfig` when `dnsPolicy` is None"));
  if (spec.activeDeadlineSeconds !== undefined) errs.push(...inRange(spec.activeDeadlineSeconds, 1, 2147483647, `${p}.activeDeadlineSeconds`));
  errs.push(...labelErrors(spec.nodeSelector, `${p}.nodeSelector`));
  errs.push(...tolerationErrors(spec.tolerations, `${p}.tolerations`));
  errs.push(...schedulingErrors(spec, p));
  if (spec.serviceAccountName) errs.push(...nameErrors(spec.serviceAccountName, 'subdomain', `${p}.serviceAccountName`));
  if (spec.hostname) errs.push(...nameErrors(spec.hostname, 'label', `${p}.hostname`));
  if (spec.subdomain) errs.push(...nameErrors(spec.subdomain, 'label', `${p}.subdomain`));
  return errs;
}
