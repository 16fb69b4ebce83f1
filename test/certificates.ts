import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** How to get `openssl`, which these helpers and the TLS system tests need (see `hasTool`). */
export const INSTALL_OPENSSL = 'apt-get install -y openssl';

function openssl(args: string[], input?: string): string {
  return execFileSync('openssl', args, { input, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] });
}

/** A PEM file on disk with its content. */
export interface PemFile {
  file: string;
  pem: string;
}

export interface TestCa {
  cert: PemFile;
  key: PemFile;
  dir: string;
}

export interface TestCertificate {
  cert: PemFile;
  key: PemFile;
  /** As Node's X509Certificate shows it (upper-case hex). */
  serialNumber: string;
}

export function newP256Key(dir: string, name: string): PemFile {
  const file = join(dir, `${name}.key`);
  openssl(['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', file]);
  return { file, pem: readFileSync(file, 'utf8') };
}

/** A CA (ECDSA P-256) in a fresh temporary directory, which the test's certificates chain to. */
export function createTestCa(name = 'Groupz Test CA'): TestCa {
  const dir = mkdtempSync(join(tmpdir(), 'groupz-ca-'));
  const key = newP256Key(dir, 'ca');
  const file = join(dir, 'ca.pem');
  openssl([
    'req',
    '-x509',
    '-new',
    '-key',
    key.file,
    '-sha256',
    '-days',
    '3650',
    '-subj',
    `/CN=${name}`,
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
    '-out',
    file,
  ]);
  return { cert: { file, pem: readFileSync(file, 'utf8') }, key, dir };
}

export interface CertificateRequest {
  /** DNS names (or IP addresses) the certificate covers; default bookings.test. */
  names?: string[];
  /** Days of validity from now; -1 makes a certificate that expired yesterday. */
  days?: number;
  /** Reuse a key (default: a new P-256 key). */
  key?: PemFile;
  /** File name stem in the CA's directory. */
  name?: string;
}

/**
 * A server certificate signed by the test CA (a random serial each time), with its key. Files
 * go to the CA's directory as `<name>.pem` and `<name>.key`.
 */
export function issueTestCertificate(
  ca: TestCa,
  { names = ['bookings.test'], days = 90, key, name = 'server' }: CertificateRequest = {},
): TestCertificate {
  const certKey = key ?? newP256Key(ca.dir, name);
  const csr = openssl(['req', '-new', '-key', certKey.file, '-subj', `/CN=${names[0]}`]);
  const extensions = join(ca.dir, `${name}.ext`);
  const san = names.map((n) => (/^[\d.]+$|:/.test(n) ? `IP:${n}` : `DNS:${n}`)).join(',');
  writeFileSync(
    extensions,
    `subjectAltName=${san}\nbasicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\n`,
  );
  const serial = `0x${randomBytes(12).toString('hex')}`;
  const file = join(ca.dir, `${name}.pem`);
  openssl(
    [
      'x509',
      '-req',
      '-CA',
      ca.cert.file,
      '-CAkey',
      ca.key.file,
      '-set_serial',
      serial,
      '-days',
      String(days),
      '-sha256',
      '-extfile',
      extensions,
      '-out',
      file,
    ],
    csr,
  );
  const pem = readFileSync(file, 'utf8');
  const serialNumber = openssl(['x509', '-noout', '-serial'], pem)
    .trim()
    .replace(/^serial=/, '');
  return { cert: { file, pem }, key: certKey, serialNumber };
}

/** Signs a CSR (PEM) with the test CA: a stand-in for an ACME CA in tests that need no real one. */
export function signTestCsr(ca: TestCa, csr: string, days: number): string {
  const extensions = join(ca.dir, 'csr.ext');
  writeFileSync(extensions, 'basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\n');
  return openssl(
    [
      'x509',
      '-req',
      '-CA',
      ca.cert.file,
      '-CAkey',
      ca.key.file,
      '-set_serial',
      `0x${randomBytes(12).toString('hex')}`,
      '-days',
      String(days),
      '-sha256',
      '-copy_extensions',
      'copy',
      '-extfile',
      extensions,
    ],
    csr,
  );
}
