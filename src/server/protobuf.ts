/**
 * Decoding the protobuf request bodies kubectl 1.32 sends
 * (`application/vnd.kubernetes.protobuf`): the `k8s\0` magic, a
 * runtime.Unknown envelope, then the typed message. Decoded to the same JSON
 * shape the object would have had (gogo-protobuf's zero values dropped, as
 * JSON's omitempty would).
 */
import protobuf from 'protobufjs/minimal.js';
import { KEEP_FALSE, MESSAGES, TOP_LEVEL } from './protobuf-schema.js';

const { Reader } = protobuf;
type R = InstanceType<typeof Reader>;

export type DecodeResult = { ok: true; value: Record<string, unknown> } | { ok: false; error: string };

const MAGIC = Buffer.from([0x6b, 0x38, 0x73, 0x00]);

export function decodeProtobufBody(buf: Buffer): DecodeResult {
  if (buf.length < 4 || !buf.subarray(0, 4).equals(MAGIC)) return { ok: false, error: 'provided data does not appear to be a protobuf message, expected prefix [107 56 115 0]' };
  try {
    const env = decodeMessage(Reader.create(buf.subarray(4)), 'Unknown', buf.length - 4) as { typeMeta?: { apiVersion?: string; kind?: string }; raw?: string };
    const apiVersion = env.typeMeta?.apiVersion ?? '';
    const kind = env.typeMeta?.kind ?? '';
    const msg = TOP_LEVEL[`${apiVersion}/${kind}`];
    if (!msg) return { ok: false, error: `no kind "${kind}" is registered for version "${apiVersion}" in the protobuf decoder of kubedojo` };
    const raw = Buffer.from(env.raw ?? '', 'base64');
    const value = decodeMessage(Reader.create(raw), msg, raw.length);
    return { ok: true, value: { apiVersion, kind, ...value } };
  } catch (e) {
    return { ok: false, error: `unable to decode protobuf body: ${(e as Error).message}` };
  }
}

function decodeMessage(r: R, type: string, length: number): Record<string, unknown> {
  const schema = MESSAGES[type] ?? {};
  const end = r.pos + length;
  const out: Record<string, unknown> = {};
  while (r.pos < end) {
    const tag = r.uint32();
    const field = tag >>> 3;
    const wire = tag & 7;
    const spec = schema[field];
    if (!spec) {
      r.skipType(wire);
      continue;
    }
    const [name, rawType] = spec;
    const repeated = rawType.endsWith('[]');
    const t = repeated ? rawType.slice(0, -2) : rawType;
    const v = decodeValue(r, t, wire);
    if (repeated) ((out[name] ??= []) as unknown[]).push(v);
    else if (t === 'mss' || t === 'msq' || t === 'msb') {
      const [k, val] = v as [string, unknown];
      ((out[name] ??= {}) as Record<string, unknown>)[k] = val;
    } else out[name] = v;
  }
  return omitZero(out, schema);
}

function decodeValue(r: R, t: string, wire: number): unknown {
  switch (t) {
    case 's':
      return r.string();
    case 'b':
      return r.bool();
    case 'i':
    case 'p': {
      const n = r.int64();
      return typeof n === 'number' ? n : Number(n.toString());
    }
    case 'by':
      return Buffer.from(r.bytes()).toString('base64');
    case 't': {
      const m = decodeRaw(r, { 1: 'i', 2: 'i' });
      const seconds = Number(m[1] ?? 0);
      return seconds === 0 ? undefined : new Date(seconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    }
    case 'q': {
      const m = decodeRaw(r, { 1: 's' });
      return m[1] ?? '0';
    }
    case 'ios': {
      const m = decodeRaw(r, { 1: 'i', 2: 'i', 3: 's' });
      return Number(m[1] ?? 0) === 1 ? (m[3] ?? '') : Number(m[2] ?? 0);
    }
    case 'mss':
    case 'msq':
    case 'msb': {
      const valueType = t === 'mss' ? 's' : t === 'msq' ? 'q' : 'by';
      const len = r.uint32();
      const end = r.pos + len;
      let key = '';
      let value: unknown = valueType === 's' ? '' : valueType === 'by' ? '' : '0';
      while (r.pos < end) {
        const tag = r.uint32();
        if (tag >>> 3 === 1) key = r.string();
        else if (tag >>> 3 === 2) value = decodeValue(r, valueType, tag & 7);
        else r.skipType(tag & 7);
      }
      return [key, value];
    }
    default: {
      if (wire !== 2) {
        r.skipType(wire);
        return undefined;
      }
      const len = r.uint32();
      return decodeMessage(r, t, len);
    }
  }
}

/** A small nested message read as field number → scalar. */
function decodeRaw(r: R, types: Record<number, 's' | 'i'>): Record<number, string | number> {
  const len = r.uint32();
  const end = r.pos + len;
  const out: Record<number, string | number> = {};
  while (r.pos < end) {
    const tag = r.uint32();
    const f = tag >>> 3;
    const ty = types[f];
    if (ty === 's') out[f] = r.string();
    else if (ty === 'i') {
      const n = r.int64();
      out[f] = typeof n === 'number' ? n : Number(n.toString());
    } else r.skipType(tag & 7);
  }
  return out;
}

/** Drop what gogo-protobuf encodes for non-pointer zero values ("", 0, false, empty maps). */
function omitZero(o: Record<string, unknown>, schema: Record<number, [string, string]>): Record<string, unknown> {
  const types = new Map(Object.values(schema).map(([n, t]) => [n, t]));
  for (const [k, v] of Object.entries(o)) {
    const t = types.get(k) ?? '';
    if (v === undefined) delete o[k];
    else if (v === '' && t !== 'ios') delete o[k];
    else if (v === 0 && t === 'i') delete o[k];
    else if (v === false && !KEEP_FALSE.has(k)) delete o[k];
    else if (typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length === 0 && (t === 'mss' || t === 'msq' || t === 'msb' || t === 'ObjectMeta')) delete o[k];
  }
  return o;
}
