import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { AuditReport } from '../../../src/core/self-audit/self-audit.js';
import { seedDemoCatalogue } from '../../../src/core/demo/demo-catalogue.js';
import { buildTestApp, type TestApp } from '../../app.js';
import { testDialects } from '../../databases.js';
import { groupz } from '../../groupz.js';
import { makeCertificate, opensslAvailable, serveOverTls, type TestCertificate, type TestSite, type Twist } from '../../tls-site.js';
import { missingRequirement } from '../../tools.js';

const [sqlite] = testDialects();

const ALL_CHECKS = [
  'tls-1.0-refused',
  'tls-1.1-refused',
  'tls-1.2-refused',
  'tls-1.3-accepted',
  'cert-trusted',
  'cert-host',
  'cert-expiry',
  'http-redirect',
  'hsts',
  'csp',
  'nosniff',
  'referrer-policy',
  'permissions-policy',
  'coop',
  'corp',
  'cookies-none',
  'cookie-lang',
  'first-party-only',
  'website-host-refused',
  'ip-host-refused',
];

if (!opensslAvailable()) {
  missingRequirement('openssl (to make the test certificates)', 'apt-get install -y openssl');
} else {
  describe('groupz audit against live TLS servers', () => {
    let certificate: TestCertificate;
    before(() => {
      certificate = makeCertificate();
    });
    after(() => certificate.remove());

    /** The real app, with the demo catalogue, served over TLS; `change` adds a hook that breaks a promise. */
    async function startSite(twist: Twist = {}, change?: (app: FastifyInstance) => void): Promise<TestSite> {
      let t: TestApp | undefined;
      const site = await serveOverTls(
        certificate,
        async (publicUrl) => {
          t = await buildTestApp(sqlite!, undefined, {}, { publicUrl });
          await seedDemoCatalogue(t.database.db, t.clock);
          change?.(t.app);
          return t.app;
        },
        twist,
      );
      return {
        ...site,
        close: async () => {
          await site.close();
          await t?.close();
        },
      };
    }

    function audit(site: TestSite, ...extra: string[]) {
      return groupz([
        'audit',
        site.url,
        '--connect',
        '127.0.0.1',
        '--ca',
        certificate.certFile,
        '--http-port',
        String(site.httpPort),
        '--website-host',
        'groupz.test',
        ...extra,
      ]);
    }

    /** Audits a site that breaks one promise: exit 1, and exactly the expected check fails. */
    async function expectOnlyFailure(expected: string, twist: Twist, change?: (app: FastifyInstance) => void): Promise<AuditReport> {
      const site = await startSite(twist, change);
      try {
        const run = await audit(site, '--json');
        assert.equal(run.code, 1, run.stderr);
        const report = JSON.parse(run.stdout) as AuditReport;
        assert.equal(report.ok, false);
        const failed = report.checks.filter((check) => !check.ok).map((check) => `${check.id}: ${check.finding}`);
        assert.deepEqual(
          report.checks.filter((check) => !check.ok).map((check) => check.id),
          [expected],
          failed.join('\n'),
        );
        return report;
      } finally {
        await site.close();
      }
    }

    function finding(report: AuditReport, id: string): string {
      return report.checks.find((check) => check.id === id)!.finding;
    }

    test('the platform passes every check: exit 0, a table, and JSON with ok: true', async () => {
      const site = await startSite();
      try {
        const table = await audit(site);
        assert.equal(table.code, 0, `${table.stdout}\n${table.stderr}`);
        assert.match(table.stdout, /^check\s+result\s+finding$/m);
        assert.match(table.stdout, /^tls-1\.2-refused\s+PASS\s+refused: tlsv1 alert protocol version/m);
        assert.match(table.stdout, /all 20 checks passed/);

        const json = await audit(site, '--json');
        assert.equal(json.code, 0, json.stderr);
        const report = JSON.parse(json.stdout) as AuditReport;
        assert.equal(report.ok, true);
        assert.equal(report.url, site.url);
        assert.ok(!Number.isNaN(Date.parse(report.at)));
        assert.deepEqual(
          report.checks.map((check) => check.id),
          ALL_CHECKS,
        );
        for (const check of report.checks) {
          assert.equal(check.ok, true, `${check.id}: ${check.finding}`);
          assert.equal(check.severity, 'info', check.id);
          assert.ok(check.title && check.finding, check.id);
        }
        assert.match(finding(report, 'tls-1.3-accepted'), /TLS_AES|TLS_CHACHA20/);
        assert.match(finding(report, 'cert-expiry'), /in (29|30) days/);
        assert.match(finding(report, 'cookie-lang'), /^POST \/language \(lang=\w\w\) set lang=\w\w;.*Secure/);
        assert.match(finding(report, 'first-party-only'), /^30 pages and their stylesheets refer only to https:\/\/bookings\.test:\d+/);
        assert.match(finding(report, 'website-host-refused'), /Host: groupz\.test:\d+ gets 421/);
        assert.match(finding(report, 'ip-host-refused'), /Host: 127\.0\.0\.1:\d+ gets 421/);
      } finally {
        await site.close();
      }
    });

    test('a server that allows TLS 1.2 fails tls-1.2-refused', async () => {
      const report = await expectOnlyFailure('tls-1.2-refused', { tls: { minVersion: 'TLSv1.2' } });
      assert.match(finding(report, 'tls-1.2-refused'), /^TLS 1\.2 accepted/);
    });

    test('a server without HSTS fails hsts', async () => {
      const report = await expectOnlyFailure('hsts', {}, (app) =>
        app.addHook('onSend', async (_request, reply, payload) => {
          reply.removeHeader('strict-transport-security');
          return payload;
        }),
      );
      assert.match(finding(report, 'hsts'), /no Strict-Transport-Security header/);
    });

    test('a tracking cookie on the start page fails cookies-none', async () => {
      const report = await expectOnlyFailure('cookies-none', {}, (app) =>
        app.addHook('onSend', async (request, reply, payload) => {
          if (request.url === '/') reply.header('set-cookie', '_tracker=abc123; Path=/; Max-Age=31536000; Secure');
          return payload;
        }),
      );
      assert.match(finding(report, 'cookies-none'), /_tracker on \//);
    });

    test('a third-party script in the pages fails first-party-only (and is never fetched)', async () => {
      const report = await expectOnlyFailure('first-party-only', {}, (app) =>
        app.addHook('onSend', async (_request, reply, payload) =>
          typeof payload === 'string' && String(reply.getHeader('content-type')).startsWith('text/html')
            ? payload.replace('</head>', '<script src="https://tracker.example/t.js" defer></script></head>')
            : payload,
        ),
      );
      assert.match(finding(report, 'first-party-only'), /\/: <script src> https:\/\/tracker\.example\/t\.js/);
    });

    test("a server that also serves the website's host fails website-host-refused", async () => {
      const report = await expectOnlyFailure('website-host-refused', { alsoServe: 'groupz.test' });
      assert.match(finding(report, 'website-host-refused'), /Host: groupz\.test:\d+ gets 200/);
    });

    test('usage errors exit 2 with the usage; --help exits 0', async () => {
      const attempts = [
        [[], /exactly one address/],
        [['http://bookings.test'], /https:\/\/ address/],
        [['https://bookings.test', '--ca', '/no/such/file.pem'], /--ca: cannot read/],
        [['https://bookings.test', '--http-port', 'eighty'], /--http-port: not a port number/],
        [['https://bookings.test', '--fast'], /Unknown option '--fast'/],
      ] as const;
      const [help, ...runs] = await Promise.all([groupz(['audit', '--help']), ...attempts.map(([args]) => groupz(['audit', ...args]))]);
      assert.equal(help!.code, 0);
      assert.match(help!.stdout, /^Usage: groupz audit <https:\/\/host\[:port\]>/);
      attempts.forEach(([args, message], i) => {
        const run = runs[i]!;
        assert.equal(run.code, 2, `${args.join(' ')}: ${run.stderr}`);
        assert.match(run.stderr, message, args.join(' '));
        assert.match(run.stderr, /Usage: groupz audit/);
      });
    });
  });
}
