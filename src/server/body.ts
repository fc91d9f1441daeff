/** Reading request bodies with a size limit, and decoding them by content type (JSON, YAML, protobuf). */
import type { IncomingMessage } from 'node:http';
import { parse as parseYaml } from 'yaml';
import { decodeProtobufBody } from './protobuf.js';

/** kube-apiserver's default limit for a request body. */
export const MAX_BODY_BYTES = 3 * 1024 * 1024;

export type BodyResult = { ok: true; value: unknown; raw: Buffer } | { ok: false; code: 400 | 413 | 415; message: string };

export function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<{ ok: true; raw: Buffer } | { ok: false; code: 413; message: string }> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    req.on('data', (c: Buffer) => {
      if (done) return;
      size += c.length;
      if (size > limit) {
        done = true;
        resolve({ ok: false, code: 413, message: `Request entity too large: limit is ${limit}` });
        req.resume();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => {
      if (!done) {
        done = true;
        resolve({ ok: true, raw: Buffer.concat(chunks) });
      }
    });
    req.on('error', () => {
      if (!done) {
        done = true;
        resolve({ ok: true, raw: Buffer.concat(chunks) });
      }
    });
  });
}

export function decodeBody(raw: Buffer, contentType: string | undefined): BodyResult {
  if (raw.length === 0) return { ok: true, value: undefined, raw };
  const ct = (contentType ?? 'application/json').split(';')[0]!.trim().toLowerCase();
  if (ct === 'application/vnd.kubernetes.protobuf') {
    const r = decodeProtobufBody(raw);
    return r.ok ? { ok: true, value: r.value, raw } : { ok: false, code: 400, message: r.error };
  }
  const text = raw.toString('utf8');
  if (ct === 'application/yaml' || ct === 'application/apply-patch+yaml') {
    try {
      return { ok: true, value: parseYaml(text) as unknown, raw };
    } catch (e) {
      return { ok: false, code: 400, message: `error converting YAML to JSON: ${(e as Error).message.split('\n')[0]}` };
    }
  }
  if (ct.endsWith('json') || ct === 'application/json' || ct === '*/*' || ct === '') {
    try {
      return { ok: true, value: JSON.parse(text) as unknown, raw };
    } catch (e) {
      return { ok: false, code: 400, message: `couldn't get version/kind; json parse error: ${(e as Error).message}` };
    }
  }
  return { ok: false, code: 415, message: 'the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf' };
}
