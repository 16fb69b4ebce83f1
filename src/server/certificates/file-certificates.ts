import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { BaseLogger } from 'pino';
import type { Clock } from '../../core/shared/clock.js';
import { type Certificate, CertificateError, type CertificateSource, checkCertificate } from './certificate.js';

export interface FileCertificateOptions {
  certFile: string;
  keyFile: string;
  /** The host of the public URL, which the certificate must cover. */
  host: string;
  clock: Clock;
  log: BaseLogger;
}

function readPem(file: string, setting: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new CertificateError(`${setting} ${file}: cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
}

/**
 * GROUPZ_TLS=files: the certificate and key files, checked at start, then re-read on every
 * `check()`. Changed files that pass every check replace the certificate; changed files that do
 * not (or cannot be read) are logged once and the current certificate stays.
 */
export function fileCertificates({ certFile, keyFile, host, clock, log }: FileCertificateOptions): CertificateSource {
  const read = (): Certificate => ({ cert: readPem(certFile, 'GROUPZ_TLS_CERT_FILE'), key: readPem(keyFile, 'GROUPZ_TLS_KEY_FILE') });
  const use = (certificate: Certificate, message: string): Certificate => {
    const info = checkCertificate(certificate, host, clock.now(), certFile);
    log.info({ serialNumber: info.serialNumber, validTo: info.validTo }, message);
    return certificate;
  };
  /** What the files held at the last look (or why they could not be read): only a change is acted on. */
  let seen = '';
  const fingerprint = (certificate: Certificate) =>
    createHash('sha256').update(certificate.cert).update('\0').update(certificate.key).digest('hex');
  return {
    async initial() {
      const certificate = read();
      seen = fingerprint(certificate);
      return use(certificate, 'certificate loaded');
    },
    async check() {
      let certificate: Certificate | undefined;
      let state: string;
      try {
        certificate = read();
        state = fingerprint(certificate);
      } catch (error) {
        if (!(error instanceof CertificateError)) throw error;
        state = error.message;
      }
      if (state === seen) return undefined;
      seen = state;
      try {
        if (!certificate) throw new CertificateError(state);
        return use(certificate, 'certificate reloaded');
      } catch (error) {
        if (!(error instanceof CertificateError)) throw error;
        log.error({ problem: error.message }, 'the certificate files changed but cannot be used; the current certificate stays');
        return undefined;
      }
    },
  };
}
