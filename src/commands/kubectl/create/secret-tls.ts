/** `kubectl create secret tls NAME --cert=path/to/cert/file --key=path/to/key/file` (the pair must match). */
import { X509Certificate, createPrivateKey } from 'node:crypto';
import type { Verb } from '../verb.js';
import { GENERATOR_FLAGS, finishCreate, nameArg, withNamespace } from './common.js';
import { b64 } from './sources.js';

function pairError(cert: string, key: string): string | undefined {
  try {
    const c = new X509Certificate(cert);
    const k = createPrivateKey(key);
    return c.checkPrivateKey(k) ? undefined : 'tls: private key does not match public key';
  } catch {
    return 'tls: failed to find any PEM data in certificate input';
  }
}

export const createSecretTls: Verb = {
  name: 'tls',
  short: 'Create a TLS secret',
  usage: 'kubectl create secret tls NAME --cert=path/to/cert/file --key=path/to/key/file [--dry-run=server|client|none] [options]',
  flags: [...GENERATOR_FLAGS, { name: 'cert', type: 'string' }, { name: 'key', type: 'string' }, { name: 'append-hash', type: 'bool' }],
  run(env) {
    const name = nameArg(env);
    if (name === undefined) return 1;
    const certPath = env.flags.cert as string | undefined;
    const keyPath = env.flags.key as string | undefined;
    if (!certPath || !keyPath) {
      env.ctx.err('error: key and cert must be specified');
      return 1;
    }
    const cert = env.ctx.files.read(certPath);
    const key = env.ctx.files.read(keyPath);
    for (const [p, r] of [[certPath, cert], [keyPath, key]] as const) {
      if (!r.ok) {
        env.ctx.err(`error: Cannot read file ${p}, open ${p}: no such file or directory`);
        return 1;
      }
    }
    if (!cert.ok || !key.ok) return 1;
    const bad = pairError(cert.text, key.text);
    if (bad) {
      env.ctx.err(`error: ${bad}`);
      return 1;
    }
    const obj = { kind: 'Secret', apiVersion: 'v1', metadata: withNamespace(env, { name, creationTimestamp: null }), data: { 'tls.crt': b64(cert.text), 'tls.key': b64(key.text) }, type: 'kubernetes.io/tls' };
    return finishCreate(env, 'secrets', obj);
  },
};
