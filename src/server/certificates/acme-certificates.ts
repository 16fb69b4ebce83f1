import { generateKeyPair } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { BaseLogger } from 'pino';
import type { Clock } from '../../core/shared/clock.js';
import { type Certificate, CertificateError, type CertificateInfo, type CertificateSource, checkCertificate } from './certificate.js';

/** Obtains a certificate chain (PEM) for `host` and the private key `key` (PEM): an ACME CA, see src/adapters/acme/. */
export type Issuer = (host: string, key: string) => Promise<string>;

const DAY_MS = 24 * 60 * 60 * 1000;

/** Files readable by the platform's user only, replaced in one step (never half written). */
function writePrivate(file: string, content: string): void {
  writeFileSync(`${file}.new`, content, { mode: 0o600 });
  renameSync(`${file}.new`, file);
}

function readIfThere(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new CertificateError(`${file}: cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
}

/** `<data dir>/acme`, only the platform's user may enter it. */
export function acmeDirectory(dataDir: string): string {
  const dir = join(dataDir, 'acme');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
  return dir;
}

/** A new ECDSA P-256 private key (PEM, PKCS #8): the certificate's, and the ACME account's. */
async function newEcdsaKey(): Promise<string> {
  const { privateKey } = await promisify(generateKeyPair)('ec', { namedCurve: 'P-256' });
  return privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
}

/** The ACME account's key, kept in `dir/account.key`: read, or made and kept on first use. */
export function acmeAccountKey(dir: string): () => Promise<string> {
  const file = join(dir, 'account.key');
  return async () => {
    const stored = readIfThere(file);
    if (stored !== undefined) return stored;
    const created = await newEcdsaKey();
    writePrivate(file, created);
    return created;
  };
}

/**
 * The extra CA (PEM) of GROUPZ_ACME_CA_FILE, against which the ACME server's own HTTPS is checked
 * besides the system's CAs; undefined when none is set.
 */
export function readAcmeCa(caFile: string | undefined): string | undefined {
  if (!caFile) return undefined;
  const ca = readIfThere(caFile);
  if (ca === undefined) throw new CertificateError(`GROUPZ_ACME_CA_FILE ${caFile}: cannot be read (ENOENT)`);
  return ca;
}

export interface AcmeCertificateOptions {
  /** The host of the public URL, which the certificate names. */
  host: string;
  /** Where certificate and key are kept (`<data dir>/acme`). */
  dir: string;
  /** Renew when fewer than this many days remain. */
  renewDays: number;
  clock: Clock;
  log: BaseLogger;
  issue: Issuer;
}

/**
 * GROUPZ_TLS=acme: the stored certificate while it has more than `renewDays` left, otherwise a new
 * one (new P-256 key) from the CA, stored in `dir` (certificate.pem, certificate.key; 0600). At
 * start without a usable certificate and no new one, serving cannot begin; a failed renewal keeps
 * the current certificate and is tried again at the next check.
 */
export function acmeCertificates({ host, dir, renewDays, clock, log, issue }: AcmeCertificateOptions): CertificateSource {
  const certFile = join(dir, 'certificate.pem');
  const keyFile = join(dir, 'certificate.key');
  let current: CertificateInfo | undefined;
  const due = (info: CertificateInfo) => info.validTo.getTime() - clock.now().getTime() < renewDays * DAY_MS;
  const renew = async (): Promise<Certificate> => {
    const key = await newEcdsaKey();
    const certificate = { cert: await issue(host, key), key };
    const info = checkCertificate(certificate, host, clock.now(), 'the certificate the ACME CA issued');
    writePrivate(keyFile, certificate.key);
    writePrivate(certFile, certificate.cert);
    current = info;
    log.info({ serialNumber: info.serialNumber, issuer: info.issuer, validTo: info.validTo }, 'certificate issued');
    return certificate;
  };
  return {
    async initial() {
      const cert = readIfThere(certFile);
      const key = readIfThere(keyFile);
      let stored: Certificate | undefined;
      if (cert !== undefined && key !== undefined) {
        try {
          const info = checkCertificate({ cert, key }, host, clock.now(), certFile);
          current = info;
          if (!due(info)) {
            log.info({ serialNumber: info.serialNumber, validTo: info.validTo }, 'certificate loaded');
            return { cert, key };
          }
          stored = { cert, key };
        } catch (error) {
          if (!(error instanceof CertificateError)) throw error;
          log.warn({ problem: error.message }, 'the stored certificate cannot serve; requesting a new one');
        }
      }
      try {
        return await renew();
      } catch (error) {
        const problem = error instanceof Error ? error.message : String(error);
        if (!stored) throw new CertificateError(`no certificate for ${host}: the ACME CA did not issue one (${problem})`);
        log.error({ problem }, 'certificate renewal failed; serving the stored certificate until the next check');
        return stored;
      }
    },
    async check() {
      if (current && !due(current)) return undefined;
      try {
        return await renew();
      } catch (error) {
        log.error(
          { problem: error instanceof Error ? error.message : String(error) },
          'certificate renewal failed; trying again at the next check',
        );
        return undefined;
      }
    },
  };
}
