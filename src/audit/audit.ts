import type { AuditReport } from '../core/self-audit/self-audit.js';
import { crawl, crawlChecks } from './crawl.checks.js';
import { headerChecks } from './headers.checks.js';
import { hostChecks } from './hosts.checks.js';
import { type AuditOptions, resolveTarget } from './target.js';
import { tlsChecks } from './tls.checks.js';

/**
 * Checks a live deployment against every promise a browser or client can observe: TLS versions
 * and certificate, the redirect from http, the security headers on every response, cookies,
 * third-party references in the public pages, and that no other host is served. Throws
 * UsageError for options it cannot work with; everything the deployment does wrong is a failed
 * check.
 */
export async function auditSite(options: AuditOptions): Promise<AuditReport> {
  const target = resolveTarget(options);
  const [tls, hosts, crawled] = await Promise.all([tlsChecks(target, options.now), hostChecks(target), crawl(target)]);
  const [redirect, ...refusedHosts] = hosts;
  const checks = [
    ...tls,
    redirect!,
    ...headerChecks(crawled.seen, target.origin),
    ...(await crawlChecks(target, crawled)),
    ...refusedHosts,
  ];
  return { url: target.origin, at: options.now.toISOString(), checks, ok: checks.every((check) => check.ok) };
}
