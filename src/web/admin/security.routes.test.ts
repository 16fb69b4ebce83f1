import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, type TestApp } from '../../../test/app.js';
import { testDialects } from '../../../test/databases.js';
import { parseHtml } from '../../../test/html.js';
import { adminGet, adminPost, type Member, signInMember } from '../../../test/staff.js';
import { makeCertificate, opensslAvailable, serveOverTls, type TestCertificate, type TestSite } from '../../../test/tls-site.js';
import { missingRequirement } from '../../../test/tools.js';
import { makeTwoVenues, signInMembers } from '../../../test/venues.js';
import { auditSite } from '../../audit/audit.js';
import { readActivityEntryPage } from '../../core/activity-log/activity-log.service.js';
import { runJobOnce } from '../../core/jobs/scheduler.js';
import { listLatestSelfAudits, selfAuditJob } from '../../core/self-audit/self-audit.service.js';
import type { SiteAuditor } from '../../core/self-audit/self-audit.js';

/** The checks as the page shows them: id, passed or not. */
function shownChecks(body: string): { id: string; ok: boolean }[] {
  return parseHtml(body)
    .querySelectorAll('[data-testid="self-audit-checks"] tbody tr')
    .map((tr) => ({ id: tr.getAttribute('data-check')!, ok: tr.getAttribute('data-ok') === 'true' }));
}

function summary(body: string) {
  return parseHtml(body).querySelector('[data-testid="self-audit-summary"]');
}

if (!opensslAvailable()) {
  missingRequirement('openssl (to make the test certificates)', 'apt-get install -y openssl');
} else {
  for (const dialect of testDialects()) {
    describe(`the self-audit page (${dialect.name})`, () => {
      let certificate: TestCertificate;
      let t: TestApp;
      let site: TestSite;
      let admin: Member;
      let manager: Member;
      let staff: Member;
      let auditor: SiteAuditor;
      /** Set to make the running platform drop its HSTS header. */
      let breakHsts = false;

      before(async () => {
        certificate = makeCertificate();
        // The app audits itself: the real audit of the real app served over TLS on 127.0.0.1.
        auditor = (now) =>
          auditSite({
            url: site.url,
            connect: '127.0.0.1',
            ca: certificate.cert,
            httpPort: site.httpPort,
            websiteHost: 'groupz.test',
            now,
          });
        // OpenSSL checks the certificate (made now) against the real time, so the clock starts at it.
        site = await serveOverTls(certificate, async (publicUrl) => {
          t = await buildTestApp(dialect, new Date().toISOString(), {}, { selfAudit: (now) => auditor(now), publicUrl });
          t.app.addHook('onSend', async (_request, reply, payload) => {
            if (breakHsts) reply.removeHeader('strict-transport-security');
            return payload;
          });
          return t.app;
        });
        const venues = await makeTwoVenues(t);
        ({ admin, manager, staff } = await signInMembers(t, venues, ['admin', 'manager', 'staff']));
      });
      after(async () => {
        await site.close();
        await t.close();
        certificate.remove();
      });

      test('an admin sees the latest stored run with its checks and age; before any run, that there is none', async () => {
        const empty = await adminGet(t, admin, '/admin/security');
        assert.equal(empty.statusCode, 200);
        assert.ok(parseHtml(empty.body).querySelector('[data-testid="self-audit-none"]'));
        assert.ok(parseHtml(empty.body).querySelector('form[action="/admin/security/run"] input[name="_csrf"]'));
        assert.ok(parseHtml(empty.body).querySelector('nav a[href="/admin/security"]'), 'in the navigation for admins');

        // What the scheduler does every 24 hours.
        assert.equal(await runJobOnce(t.database.db, t.clock, 'scheduler', selfAuditJob(t.database.db, auditor)), 'ran');
        const ranAt = t.clock.now().toISOString();
        t.clock.advance(50 * 60_000);
        const page = await adminGet(t, admin, '/admin/security');
        assert.equal(page.statusCode, 200);
        assert.equal(summary(page.body)?.getAttribute('data-at'), ranAt);
        assert.equal(summary(page.body)?.getAttribute('data-ok'), 'true', summary(page.body)?.textContent);
        assert.match(summary(page.body)!.textContent, /50 minuten geleden/);
        assert.match(summary(page.body)!.textContent, /Alle 20 controles geslaagd/);
        const checks = shownChecks(page.body);
        assert.equal(checks.length, 20);
        assert.ok(
          checks.every((check) => check.ok),
          JSON.stringify(checks.filter((c) => !c.ok)),
        );
        assert.match(page.body, /TLS 1\.2 wordt geweigerd/, 'titles in the reader’s language');
      });

      test('managers and staff are refused the page and the button, as for other admin-only pages', async () => {
        const before = (await listLatestSelfAudits(t.database.db, 100)).length;
        for (const member of [manager, staff]) {
          assert.equal((await adminGet(t, member, '/admin/security')).statusCode, 403);
          assert.equal((await adminPost(t, member, '/admin/security/run')).statusCode, 403);
          const own = await adminGet(t, member, '/admin/bookings');
          assert.equal(parseHtml(own.body).querySelector('nav a[href="/admin/security"]'), null, 'not in their navigation');
        }
        assert.equal((await listLatestSelfAudits(t.database.db, 100)).length, before);
      });

      test('run now audits the running platform and stores the new run, which shows what broke', async () => {
        const before = await listLatestSelfAudits(t.database.db, 100);
        breakHsts = true;
        try {
          const run = await adminPost(t, admin, '/admin/security/run');
          assert.equal(run.statusCode, 303);
          assert.equal(run.headers.location, '/admin/security?done=ran');
        } finally {
          breakHsts = false;
        }
        const after = await listLatestSelfAudits(t.database.db, 100);
        assert.equal(after.length, before.length + 1);
        assert.deepEqual(
          after[0]!.checks.filter((check) => !check.ok).map((check) => check.id),
          ['hsts'],
        );
        const page = await adminGet(t, admin, '/admin/security?done=ran');
        assert.equal(parseHtml(page.body).querySelector('[data-testid="notice"]')?.textContent, 'De zelfcontrole is uitgevoerd.');
        assert.equal(summary(page.body)?.getAttribute('data-ok'), 'false');
        assert.match(summary(page.body)!.textContent, /1 van de 20 controles mislukt/);
        assert.deepEqual(
          shownChecks(page.body).filter((check) => !check.ok),
          [{ id: 'hsts', ok: false }],
        );
        assert.ok(parseHtml(page.body).querySelector('[data-testid="self-audit-earlier"] tr[data-ok="true"]'), 'the earlier run below');
        const log = await readActivityEntryPage(t.database.db, { all: true }, { action: 'security.self_audit_run' });
        assert.deepEqual(
          log.entries.map((entry) => entry.actorEmail),
          [admin.email],
        );
      });

      test('two clicks at once run one audit; the other is told one is running', async () => {
        const before = (await listLatestSelfAudits(t.database.db, 100)).length;
        const answers = await Promise.all([adminPost(t, admin, '/admin/security/run'), adminPost(t, admin, '/admin/security/run')]);
        assert.deepEqual(answers.map((answer) => answer.headers.location).sort(), [
          '/admin/security?done=busy',
          '/admin/security?done=ran',
        ]);
        assert.equal((await listLatestSelfAudits(t.database.db, 100)).length, before + 1);
      });
    });

    describe(`the self-audit page on an http deployment (${dialect.name})`, () => {
      let t: TestApp;
      before(async () => {
        t = await buildTestApp(dialect);
      });
      after(() => t.close());

      test('says the self-audit runs only on https, offers no button, and a POST runs nothing', async () => {
        const admin = await signInMember(t, 'admin');
        const page = await adminGet(t, admin, '/admin/security');
        assert.equal(page.statusCode, 200);
        assert.match(
          parseHtml(page.body).querySelector('[data-testid="self-audit-disabled"]')!.textContent,
          /alleen op een https-installatie/,
        );
        assert.equal(parseHtml(page.body).querySelector('form[action="/admin/security/run"]'), null);
        const run = await adminPost(t, admin, '/admin/security/run');
        assert.equal(run.statusCode, 303);
        assert.equal(run.headers.location, '/admin/security');
        assert.deepEqual(await listLatestSelfAudits(t.database.db, 10), []);
      });
    });
  }
}
