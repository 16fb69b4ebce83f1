import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { auditSite } from '../audit/audit.js';
import { formatReport } from '../audit/report.js';
import { parsePort, UsageError } from '../audit/target.js';
import { systemClock } from '../core/shared/clock.js';
import type { Command } from './command.js';

const usage = `Usage: groupz audit <https://host[:port]> [--website-host HOST] [--connect IP[:port]]
                    [--ca FILE] [--http-port PORT] [--json]

Checks a live deployment against every promise a browser or client can observe: TLS 1.0, 1.1 and
1.2 refused and TLS 1.3 accepted; the certificate trusted, valid for the host and not about to
expire (a warning under 14 days, a failure under 7); http:// redirecting permanently to https://;
HSTS, CSP, X-Content-Type-Options, Referrer-Policy, Permissions-Policy, COOP and CORP on every
response; no cookie on the public pages and only the lang cookie when a language is chosen; no
resource from another origin in the pages it crawls (at most 30, same-origin links from the start
page, GET only; the language switch is the one form it submits); and that the public website's
host and a bare IP address as Host get 421 (or no TLS connection).

  --website-host HOST  the public website's host, which must not be served
                       (default: the parent domain, groupz.now for bookings.groupz.now)
  --connect IP[:port]  connect to this address instead of the one the host name resolves to
                       (the host name is still sent as SNI and Host)
  --ca FILE            trust the CA certificate(s) in this PEM file instead of the usual roots
  --http-port PORT     where to probe plain HTTP (default 80)
  --json               print the report as JSON: { url, at, checks: [{ id, title, ok,
                       severity, finding }], ok }

Exit status: 0 when every check passes (warnings included), 1 when any fails, 2 on a usage error.`;

function usageError(message: string): number {
  process.stderr.write(`groupz audit: ${message}\n\n${usage}\n`);
  return 2;
}

export const auditCommand: Command = {
  summary: 'check a live deployment (TLS, certificate, headers, cookies, third parties, hosts)',
  usage,
  takesArguments: true,
  async run(args) {
    let parsed;
    try {
      parsed = parseArgs({
        args,
        options: {
          'website-host': { type: 'string' },
          connect: { type: 'string' },
          ca: { type: 'string' },
          'http-port': { type: 'string' },
          json: { type: 'boolean', default: false },
        },
        strict: true,
        allowPositionals: true,
      });
    } catch (error) {
      return usageError((error as Error).message);
    }
    const { values, positionals } = parsed;
    if (positionals.length !== 1) return usageError('give exactly one address, https://host[:port]');
    let ca: Buffer | undefined;
    if (values.ca !== undefined) {
      try {
        ca = readFileSync(values.ca);
      } catch (error) {
        return usageError(`--ca: cannot read ${values.ca} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
      }
    }
    try {
      const report = await auditSite({
        url: positionals[0]!,
        websiteHost: values['website-host'],
        connect: values.connect,
        ca,
        httpPort: values['http-port'] === undefined ? undefined : parsePort(values['http-port'], '--http-port'),
        now: systemClock.now(),
      });
      process.stdout.write(values.json ? `${JSON.stringify(report, null, 2)}\n` : formatReport(report));
      return report.ok ? 0 : 1;
    } catch (error) {
      if (error instanceof UsageError) return usageError(error.message);
      throw error;
    }
  },
};
