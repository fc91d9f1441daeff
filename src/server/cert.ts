/**
 * A self-signed TLS certificate made at start (kubectl only sends bearer
 * tokens over TLS). Valid for 127.0.0.1, ::1 and localhost; the kubeconfig
 * carries it as certificate-authority-data so verification works.
 */
import forge from 'node-forge';

export interface Certificate {
  key: string;
  cert: string;
}

export function selfSignedCertificate(extraHosts: string[] = []): Certificate {
  const keys = forge.pki.rsa.generateKeyPair(2048);
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  cert.serialNumber = '01' + forge.util.bytesToHex(forge.random.getBytesSync(8));
  const now = new Date();
  cert.validity.notBefore = new Date(now.getTime() - 60_000);
  cert.validity.notAfter = new Date(now.getTime() + 365 * 86_400_000);
  const attrs = [{ name: 'commonName', value: 'kubedojo' }, { name: 'organizationName', value: 'kubedojo' }];
  cert.setSubject(attrs);
  cert.setIssuer(attrs);
  const altNames: { type: number; value?: string; ip?: string }[] = [
    { type: 2, value: 'localhost' },
    { type: 2, value: 'kubernetes' },
    { type: 7, ip: '127.0.0.1' },
    { type: 7, ip: '::1' },
  ];
  for (const h of extraHosts) altNames.push(/^[\d.]+$|:/.test(h) ? { type: 7, ip: h } : { type: 2, value: h });
  cert.setExtensions([
    { name: 'basicConstraints', cA: true },
    { name: 'keyUsage', keyCertSign: true, digitalSignature: true, keyEncipherment: true },
    { name: 'extKeyUsage', serverAuth: true },
    { name: 'subjectAltName', altNames },
  ]);
  cert.sign(keys.privateKey, forge.md.sha256.create());
  return { key: forge.pki.privateKeyToPem(keys.privateKey), cert: forge.pki.certificateToPem(cert) };
}
