import { type PeerCertificate, type SecureVersion, checkServerIdentity, connect } from 'node:tls';
import type { AuditCheck } from '../core/self-audit/self-audit.js';
import { fail, pass, warn } from './check.js';
import { describeError } from './http-client.js';
import type { Target } from './target.js';

type Handshake =
  | { outcome: 'accepted'; protocol: string; cipher: string; authorized: boolean; authorizationError: string; certificate: PeerCertificate }
  /** The server answered the offer with an alert or closed the connection. */
  | { outcome: 'refused'; reason: string }
  /** No TCP connection at all. */
  | { outcome: 'unreachable'; reason: string }
  /** Connected, but the handshake failed for a reason that says nothing about the server's versions. */
  | { outcome: 'inconclusive'; reason: string };

const TIMEOUT_MS = 10_000;

/**
 * What the server says to a handshake offering only the given versions. Every failure after the TCP
 * connection stood that comes from the server (a TLS alert, a reset, a close, an answer in another
 * protocol version) is a refusal; a failure inside this client is not.
 */
function handshake(target: Target, versions: { min: SecureVersion; max: SecureVersion }, ciphers?: string): Promise<Handshake> {
  return new Promise((resolve) => {
    let connected = false;
    let settled = false;
    const socket = connect({
      host: target.address,
      port: target.port,
      ...(target.servername && { servername: target.servername }),
      minVersion: versions.min,
      maxVersion: versions.max,
      ...(ciphers && { ciphers }),
      ...(target.ca && { ca: target.ca }),
      rejectUnauthorized: false,
    });
    const settle = (result: Handshake) => {
      if (settled) return;
      settled = true;
      socket.destroy();
      resolve(result);
    };
    socket.setTimeout(TIMEOUT_MS, () =>
      settle(
        connected
          ? { outcome: 'inconclusive', reason: 'the handshake timed out' }
          : { outcome: 'unreachable', reason: 'no connection within 10 s' },
      ),
    );
    socket.on('connect', () => (connected = true));
    socket.on('secureConnect', () => {
      const cipher = socket.getCipher();
      settle({
        outcome: 'accepted',
        protocol: socket.getProtocol() ?? '?',
        cipher: cipher.standardName ?? cipher.name,
        authorized: socket.authorized,
        authorizationError: String(socket.authorizationError ?? ''),
        certificate: socket.getPeerCertificate(),
      });
    });
    socket.on('error', (error: NodeJS.ErrnoException) => {
      const code = error.code ?? '';
      const reason = describeError(error);
      if (!connected) settle({ outcome: 'unreachable', reason });
      else if (/_ALERT_|^ECONNRESET$|^EPIPE$|WRONG_VERSION_NUMBER|UNSUPPORTED_PROTOCOL/.test(code)) settle({ outcome: 'refused', reason });
      else settle({ outcome: 'inconclusive', reason });
    });
    socket.on('close', () => settle({ outcome: 'refused', reason: 'the server closed the connection' }));
  });
}

const LEGACY: { id: string; label: string; version: SecureVersion }[] = [
  { id: 'tls-1.0-refused', label: 'TLS 1.0', version: 'TLSv1' },
  { id: 'tls-1.1-refused', label: 'TLS 1.1', version: 'TLSv1.1' },
  { id: 'tls-1.2-refused', label: 'TLS 1.2', version: 'TLSv1.2' },
];

/**
 * An offer of one old version must be refused. The probes use `DEFAULT@SECLEVEL=0`: at its default
 * security level OpenSSL 3 will not complete a TLS 1.0/1.1 handshake itself (it refuses the SHA-1
 * signatures those versions need), which would look like a refusal by the server. At level 0 this
 * client offers every suite it has, so a server that accepts the version with any suite is caught.
 */
async function legacyCheck(target: Target, { id, label, version }: (typeof LEGACY)[number]): Promise<AuditCheck> {
  const title = `${label} is refused`;
  const result = await handshake(target, { min: version, max: version }, 'DEFAULT@SECLEVEL=0');
  switch (result.outcome) {
    case 'refused':
      return pass(id, title, `refused: ${result.reason}`);
    case 'accepted':
      return fail(id, title, `${label} accepted, with ${result.cipher}`);
    case 'unreachable':
      return fail(id, title, `could not connect to ${target.address}:${target.port} (${result.reason})`);
    case 'inconclusive':
      return fail(id, title, `neither accepted nor refused (${result.reason})`);
  }
}

async function modernCheck(target: Target): Promise<AuditCheck> {
  const id = 'tls-1.3-accepted';
  const title = 'TLS 1.3 is accepted';
  const result = await handshake(target, { min: 'TLSv1.3', max: 'TLSv1.3' });
  if (result.outcome === 'accepted' && result.protocol === 'TLSv1.3') return pass(id, title, `accepted, with ${result.cipher}`);
  return fail(id, title, result.outcome === 'accepted' ? `answered with ${result.protocol}` : `${result.outcome} (${result.reason})`);
}

function names(certificate: PeerCertificate): string {
  return certificate.subjectaltname || `CN=${String(certificate.subject?.CN ?? '?')}`;
}

const DAY_MS = 24 * 3600 * 1000;

/** The certificate as a client using the given (or the usual) roots sees it, on a handshake with any version. */
async function certificateChecks(target: Target, now: Date): Promise<AuditCheck[]> {
  const ids = {
    trusted: ['cert-trusted', 'Certificate is trusted'],
    host: ['cert-host', 'Certificate is valid for the host'],
    expiry: ['cert-expiry', 'Certificate is far from expiry'],
  } as const;
  const result = await handshake(target, { min: 'TLSv1.2', max: 'TLSv1.3' });
  if (result.outcome !== 'accepted') {
    const problem = `no certificate: no TLS handshake completed (${result.reason})`;
    return Object.values(ids).map(([id, title]) => fail(id, title, problem));
  }
  const { certificate } = result;
  const issuer = String(certificate.issuer?.O ?? certificate.issuer?.CN ?? '?');
  const roots = target.ca ? 'the given CA' : "this machine's trusted roots";
  const trusted = result.authorized
    ? pass(...ids.trusted, `chain verifies against ${roots} (issuer ${issuer})`)
    : fail(...ids.trusted, `not trusted against ${roots}: ${result.authorizationError}`);
  const mismatch = checkServerIdentity(target.hostname, certificate);
  const host = mismatch
    ? fail(...ids.host, `not valid for ${target.hostname}: it names ${names(certificate)}`)
    : pass(...ids.host, `valid for ${target.hostname} (${names(certificate)})`);
  const notBefore = new Date(certificate.valid_from);
  const notAfter = new Date(certificate.valid_to);
  const days = Math.floor((notAfter.getTime() - now.getTime()) / DAY_MS);
  const until = `expires ${notAfter.toISOString()}`;
  const expiry =
    now < notBefore
      ? fail(...ids.expiry, `not valid before ${notBefore.toISOString()}`)
      : now >= notAfter
        ? fail(...ids.expiry, `expired ${notAfter.toISOString()}`)
        : days < 7
          ? fail(...ids.expiry, `${until}, in ${days} days (under 7)`)
          : days < 14
            ? warn(...ids.expiry, `${until}, in ${days} days (under 14: is renewal working?)`)
            : pass(...ids.expiry, `${until}, in ${days} days`);
  return [trusted, host, expiry];
}

/** Old versions refused, TLS 1.3 accepted, and the certificate. */
export async function tlsChecks(target: Target, now: Date): Promise<AuditCheck[]> {
  const [legacy, modern, certificate] = await Promise.all([
    Promise.all(LEGACY.map((probe) => legacyCheck(target, probe))),
    modernCheck(target),
    certificateChecks(target, now),
  ]);
  return [...legacy, modern, ...certificate];
}
