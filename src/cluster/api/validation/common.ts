/** Validation helpers shared by the strategies (k8s.io/apimachinery validation, paraphrased). */
import type { LabelSelector } from 'kubernetes-types/meta/v1.js';
import { GoLiteral, type FieldError } from '../status.js';
import { fromLabelSelector, matchesLabels } from '../selectors.js';
import { labelErrors, qualifiedNameErrors } from './names.js';
import { deepEqual } from '../paths.js';

export const required = (field: string, detail?: string): FieldError => ({ type: 'Required', field, detail });
export const invalidValue = (field: string, value: unknown, detail?: string): FieldError => ({ type: 'Invalid', field, value, detail });
export const notSupported = (field: string, value: unknown, supported: string[]): FieldError => ({ type: 'NotSupported', field, value, supported });
export const forbiddenField = (field: string, detail: string): FieldError => ({ type: 'Forbidden', field, detail });
export const duplicate = (field: string, value: unknown): FieldError => ({ type: 'Duplicate', field, value });

export const IMMUTABLE = 'field is immutable';

export function nonNegative(v: number | undefined, field: string): FieldError[] {
  return v !== undefined && v < 0 ? [invalidValue(field, v, 'must be greater than or equal to 0')] : [];
}

export function immutable(oldV: unknown, newV: unknown, field: string): FieldError[] {
  return deepEqual(oldV, newV) ? [] : [invalidValue(field, newV, IMMUTABLE)];
}

export function inRange(v: number | undefined, lo: number, hi: number, field: string): FieldError[] {
  return v !== undefined && (v < lo || v > hi || !Number.isInteger(v)) ? [invalidValue(field, v, `must be between ${lo} and ${hi}, inclusive`)] : [];
}

const PERCENT = /^[0-9]+%$/;
const PERCENT_MSG = "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')";

/** An IntOrString that is a count or a percentage (maxSurge, maxUnavailable, minAvailable). */
export function intOrPercentErrors(v: unknown, field: string): FieldError[] {
  if (v === undefined || v === null) return [];
  if (typeof v === 'number') return nonNegative(v, field);
  if (typeof v === 'string') {
    if (!PERCENT.test(v)) return [invalidValue(field, v, PERCENT_MSG)];
    return [];
  }
  return [invalidValue(field, v, 'must be an integer or percentage')];
}

export function percentOver100(v: unknown, field: string): FieldError[] {
  return typeof v === 'string' && PERCENT.test(v) && Number(v.slice(0, -1)) > 100 ? [invalidValue(field, v, 'must not be greater than 100%')] : [];
}

/** Is an IntOrString zero (0 or "0%")? */
export function isZero(v: unknown): boolean {
  return v === 0 || v === '0%';
}

const SELECTOR_OPS = ['In', 'NotIn', 'Exists', 'DoesNotExist'];

export function labelSelectorErrors(sel: LabelSelector | undefined, field: string): FieldError[] {
  if (!sel) return [];
  const errs: FieldError[] = [...labelErrors(sel.matchLabels, `${field}.matchLabels`)];
  (sel.matchExpressions ?? []).forEach((e, i) => {
    const f = `${field}.matchExpressions[${i}]`;
    if (!SELECTOR_OPS.includes(e.operator)) errs.push(invalidValue(`${f}.operator`, e.operator, 'not a valid selector operator'));
    if ((e.operator === 'In' || e.operator === 'NotIn') && (e.values ?? []).length === 0) errs.push(required(`${f}.values`, 'must be specified when `operator` is \'In\' or \'NotIn\''));
    if ((e.operator === 'Exists' || e.operator === 'DoesNotExist') && (e.values ?? []).length > 0) errs.push(forbiddenField(`${f}.values`, 'may not be specified when `operator` is \'Exists\' or \'DoesNotExist\''));
    errs.push(...qualifiedNameErrors(e.key ?? '', `${f}.key`));
  });
  return errs;
}

export function emptySelector(sel: LabelSelector | undefined): boolean {
  return !sel || (Object.keys(sel.matchLabels ?? {}).length === 0 && (sel.matchExpressions ?? []).length === 0);
}

/**
 * A workload's selector: required, non-empty, valid, and matching the pod
 * template's labels (ValidateDeploymentSpec and friends).
 */
export function workloadSelectorErrors(sel: LabelSelector | undefined, templateLabels: Record<string, string> | undefined, kindWord: string): FieldError[] {
  if (!sel) return [required('spec.selector')];
  if (emptySelector(sel)) return [invalidValue('spec.selector', goSelector(sel), `empty selector is invalid for ${kindWord}`)];
  const errs = labelSelectorErrors(sel, 'spec.selector');
  if (errs.length === 0 && !matchesLabels(fromLabelSelector(sel), templateLabels)) {
    errs.push(invalidValue('spec.template.metadata.labels', goMap(templateLabels ?? {}), '`selector` does not match template `labels`'));
  }
  return errs;
}

/** A Go map[string]string literal, as %#v renders it in messages. */
export function goMap(m: Record<string, string>): GoLiteral {
  const keys = Object.keys(m).sort();
  return new GoLiteral(`map[string]string{${keys.map((k) => `${JSON.stringify(k)}:${JSON.stringify(m[k])}`).join(', ')}}`);
}

export function goSelector(sel: LabelSelector): GoLiteral {
  const ml = sel.matchLabels && Object.keys(sel.matchLabels).length > 0 ? goMap(sel.matchLabels).text : 'map[string]string(nil)';
  const me = (sel.matchExpressions ?? []).length > 0 ? `[]v1.LabelSelectorRequirement{...}` : '[]v1.LabelSelectorRequirement(nil)';
  return new GoLiteral(`v1.LabelSelector{MatchLabels:${ml}, MatchExpressions:${me}}`);
}
