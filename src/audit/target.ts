import { isIP } from 'node:net';

/** A mistake in what the audit was asked to do (the CLI exits 2 on it). */
export class UsageError extends Error {}

/** What `groupz audit` is asked to check and how it reaches it. */
export interface AuditOptions {
  /** https://host[:port] */
  url: string;
  /** The public website's host, which the platform must not serve; default the parent domain of the host. */
  websiteHost?: string | undefined;
  /** IP[:port] to connect to instead of the address the host name resolves to. */
  connect?: string | undefined;
  /** PEM of the CA(s) to trust instead of the usual roots (a private CA). */
  ca?: Buffer | undefined;
  /** Where plain HTTP is probed; default 80. */
  httpPort?: number | undefined;
  /** Most public pages the crawl fetches. */
  maxPages?: number;
  /** When the audit starts; the certificate's days left count from here. */
  now: Date;
}

/** The deployment under audit, resolved from the options. */
export interface Target {
  /** https://host[:port], the platform's origin. */
  origin: string;
  /** The host as in a Host header: name, plus the port when not 443. */
  host: string;
  /** The host name (an IPv6 address without brackets). */
  hostname: string;
  /** Where TLS connections go. */
  address: string;
  port: number;
  httpPort: number;
  /** The host name sent as SNI; empty for an IP address (SNI carries no addresses). */
  servername: string;
  websiteHost: string;
  ca: Buffer | undefined;
  maxPages: number;
}

export function parsePort(text: string, what: string): number {
  const port = Number(text);
  if (!/^\d+$/.test(text) || port < 1 || port > 65535) throw new UsageError(`${what}: not a port number: ${text}`);
  return port;
}

/** `IP`, `IP:port`, `IPv6`, `[IPv6]` or `[IPv6]:port`. */
function parseConnect(text: string): { address: string; port?: number } {
  if (isIP(text) !== 0) return { address: text };
  const match = /^\[([^\]]+)\](?::(\d+))?$/.exec(text) ?? /^([^:]+):(\d+)$/.exec(text);
  const address = match?.[1];
  if (!address || isIP(address) === 0) throw new UsageError(`--connect: not an IP address with an optional port: ${text}`);
  return { address, ...(match[2] && { port: parsePort(match[2], '--connect') }) };
}

/** groupz.now for bookings.groupz.now: the host without its first label. */
function parentDomain(hostname: string): string {
  const labels = hostname.split('.');
  if (isIP(hostname) !== 0 || labels.length < 2) {
    throw new UsageError(`${hostname} has no parent domain to take as the website's host: give --website-host`);
  }
  return labels.slice(1).join('.');
}

export function resolveTarget(options: AuditOptions): Target {
  let url: URL;
  try {
    url = new URL(options.url);
  } catch {
    throw new UsageError(`not a URL: ${options.url}`);
  }
  if (url.protocol !== 'https:') throw new UsageError(`the audit checks an https:// address, not ${url.protocol}//`);
  if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.hash || url.username || url.password) {
    throw new UsageError(`give the platform's address without a path or query: https://${url.host}`);
  }
  const hostname = url.hostname.replace(/^\[|\]$/g, '');
  const port = url.port ? Number(url.port) : 443;
  const connect = options.connect === undefined ? undefined : parseConnect(options.connect);
  const websiteHost = options.websiteHost ?? parentDomain(hostname);
  if (!/^[a-z0-9.-]+$/i.test(websiteHost)) throw new UsageError(`--website-host: not a host name: ${websiteHost}`);
  return {
    origin: url.origin,
    host: url.host,
    hostname,
    address: connect?.address ?? hostname,
    port: connect?.port ?? port,
    httpPort: options.httpPort ?? 80,
    servername: isIP(hostname) === 0 ? hostname : '',
    websiteHost,
    ca: options.ca,
    maxPages: options.maxPages ?? 30,
  };
}
