import { createPrivateKey, type KeyObject, X509Certificate } from 'node:crypto';
import { isIP } from 'node:net';

/** A certificate chain (leaf first) and its private key, PEM, as the TLS server takes them. */
export interface Certificate {
  cert: string;
  key: string;
}

/** What the logs say about a certificate that is served. */
export interface CertificateInfo {
  serialNumber: string;
  issuer: string;
  validTo: Date;
}

/** Why a certificate cannot be served, in words an operator acts on. */
export class CertificateError extends Error {}

/** Where certificates come from: files, or an ACME CA. */
export interface CertificateSource {
  /** The certificate to start with; throws a CertificateError when there is none that can serve. */
  initial(): Promise<Certificate>;
  /** A new certificate when one is due (files changed, renewal); problems are logged, not thrown. */
  check(): Promise<Certificate | undefined>;
}

/** The host part of a public URL, as a certificate names it (IPv6 without brackets). */
export function hostOf(publicUrl: string): string {
  return new URL(publicUrl).hostname.replace(/^\[|\]$/g, '');
}

/**
 * Checks that `certificate` can serve `host` at `now`: it parses, is inside its validity period,
 * the key is its own and it names the host. Returns its particulars, or throws a CertificateError
 * naming the problem, prefixed by `source` (which file, which store).
 */
export function checkCertificate(certificate: Certificate, host: string, now: Date, source: string): CertificateInfo {
  let x509: X509Certificate;
  try {
    x509 = new X509Certificate(certificate.cert);
  } catch {
    throw new CertificateError(`${source}: not a PEM certificate`);
  }
  let key: KeyObject;
  try {
    key = createPrivateKey(certificate.key);
  } catch {
    throw new CertificateError(`${source}: the key is not a PEM private key (or is encrypted)`);
  }
  const validFrom = new Date(x509.validFrom);
  const validTo = new Date(x509.validTo);
  if (now >= validTo) throw new CertificateError(`${source}: the certificate expired on ${validTo.toISOString()}`);
  if (now < validFrom) throw new CertificateError(`${source}: the certificate is not valid before ${validFrom.toISOString()}`);
  if (!x509.checkPrivateKey(key)) throw new CertificateError(`${source}: the key does not belong to the certificate`);
  const covered = isIP(host) !== 0 ? x509.checkIP(host) : x509.checkHost(host);
  if (covered === undefined) {
    throw new CertificateError(`${source}: the certificate does not cover ${host} (it names ${x509.subjectAltName ?? x509.subject})`);
  }
  return { serialNumber: x509.serialNumber, issuer: x509.issuer.replace(/\n/g, ', '), validTo };
}
