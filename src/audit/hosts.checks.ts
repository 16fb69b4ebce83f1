import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import type { AuditCheck } from '../core/self-audit/self-audit.js';
import { fail, pass } from './check.js';
import { describeError, exchange } from './http-client.js';
import type { Target } from './target.js';

/** Errors that mean nothing could be reached at all, so nothing was refused either. */
const UNREACHABLE = /^(ECONNREFUSED|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|ENOTFOUND|EAI_AGAIN)$/;

/** `:port` when the platform's URL names one, as a browser puts it in the Host header. */
function portSuffix(target: Target): string {
  const { port } = new URL(target.origin);
  return port ? `:${port}` : '';
}

/** A name or address as it stands in a Host header: IPv6 in brackets. */
function asHost(name: string): string {
  return isIP(name) === 6 ? `[${name}]` : name;
}

/** http://host/ answers with a permanent redirect to https://host/. */
async function redirectCheck(target: Target): Promise<AuditCheck> {
  const id = 'http-redirect';
  const title = 'http:// redirects permanently to https://';
  const host = target.httpPort === 80 ? asHost(target.hostname) : `${asHost(target.hostname)}:${target.httpPort}`;
  const expected = `${target.origin}/`;
  try {
    const answer = await exchange({ scheme: 'http', address: target.address, port: target.httpPort, host, path: '/' });
    const location = answer.headers.location;
    const to = location ? new URL(location, `http://${host}/`).href : '(none)';
    if ((answer.status === 301 || answer.status === 308) && to === expected)
      return pass(id, title, `http://${host}/ answers ${answer.status} to ${to}`);
    return fail(id, title, `http://${host}/ answered ${answer.status} with Location ${to}, not 301/308 to ${expected}`);
  } catch (error) {
    return fail(id, title, `http://${host}/ (port ${target.httpPort}): ${describeError(error)}`);
  }
}

/** A request for another host must get 421, or no TLS connection for that name. */
async function refusedHostCheck(target: Target, id: string, title: string, host: string, servername: string): Promise<AuditCheck> {
  try {
    const answer = await exchange({ scheme: 'https', address: target.address, port: target.port, host, servername, path: '/' });
    return answer.status === 421
      ? pass(id, title, `Host: ${host} gets 421`)
      : fail(id, title, `Host: ${host} gets ${answer.status}${answer.body ? ` with ${answer.body.length} bytes` : ''}, not 421`);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    return UNREACHABLE.test(code)
      ? fail(id, title, `could not connect to ${target.address}:${target.port} (${describeError(error)})`)
      : pass(id, title, `no TLS connection for ${host} (${describeError(error)})`);
  }
}

/** The address the platform's host name leads to (or the one given with --connect). */
async function platformAddress(target: Target): Promise<string> {
  return isIP(target.address) !== 0 ? target.address : (await lookup(target.address)).address;
}

/** The redirect from http, and that neither the public website's host nor a bare IP address is served. */
export async function hostChecks(target: Target): Promise<AuditCheck[]> {
  const websiteHost = `${target.websiteHost}${portSuffix(target)}`;
  const ipCheck = async (): Promise<AuditCheck> => {
    const id = 'ip-host-refused';
    const title = 'An IP address as Host is not served';
    let address: string;
    try {
      address = await platformAddress(target);
    } catch (error) {
      return fail(id, title, `cannot resolve ${target.address}: ${describeError(error)}`);
    }
    const host = `${asHost(address)}${portSuffix(target)}`;
    return refusedHostCheck(target, id, title, host, '');
  };
  return Promise.all([
    redirectCheck(target),
    refusedHostCheck(
      target,
      'website-host-refused',
      `The website's host (${target.websiteHost}) is not served`,
      websiteHost,
      target.websiteHost,
    ),
    ipCheck(),
  ]);
}
