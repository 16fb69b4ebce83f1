import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, type TestApp } from '../../../test/app.js';
import { testDialects } from '../../../test/databases.js';
import { parseHtml } from '../../../test/html.js';
import { testMailDelivery } from '../../../test/mail-senders.js';
import { startSmtpServer, type TestSmtpServer } from '../../../test/mail-server.js';
import { adminGet, type Member, signInMember } from '../../../test/staff.js';
import type { StuckJob } from '../../core/jobs/job-watch.js';
import { jobWatchJob } from '../../core/job-watch/job-watch.service.js';
import { type Job, runJobOnce } from '../../core/jobs/scheduler.js';
import { deliverDueMails } from '../../core/mail/mail-delivery.service.js';
import { LANGUAGE_COOKIE } from '../plugins/language.js';
import { SESSION_COOKIE } from './session-cookie.js';

/** A job whose runs end when the test says so: `finish()` ends the latest run, `fail` makes runs throw. */
function controlledJob(name: string, everySeconds: number, leaseSeconds: number) {
  let finish = () => {};
  const control = { fail: false, finish: () => finish() };
  const job: Job = {
    name,
    everySeconds,
    leaseSeconds,
    run: () =>
      control.fail
        ? Promise.reject(new Error('database is locked'))
        : new Promise<void>((resolve) => {
            finish = resolve;
          }),
  };
  return { job, control };
}

/** The stuck jobs the self-audit page lists: name and problem. */
function shownStuck(body: string) {
  return stuckNotices(body).map((p) => [p.getAttribute('data-job'), p.getAttribute('data-problem')]);
}

/** The self-audit page's notice of each stuck job. */
function stuckNotices(body: string) {
  const section = parseHtml(body).querySelector('[data-testid="stuck-jobs"]');
  assert.ok(section, 'the background jobs section');
  return section.querySelectorAll('[data-job]');
}

for (const dialect of testDialects()) {
  describe(`stuck background jobs (${dialect.name})`, () => {
    let t: TestApp;
    let admin: Member;
    let smtp: TestSmtpServer;
    // The lifecycle job's times: every minute, a lease of two; the hourly retention job's.
    const lifecycle = controlledJob('booking-lifecycle', 60, 120);
    const retention = controlledJob('retention', 3600, 1800);
    before(async () => {
      // Sessions outlast the hours this test moves the clock on.
      t = await buildTestApp(
        dialect,
        '2026-06-01T08:00:00Z',
        { idleTimeoutSeconds: 7 * 24 * 3600, absoluteTimeoutSeconds: 7 * 24 * 3600 },
        {
          jobs: [lifecycle.job, retention.job],
        },
      );
      admin = await signInMember(t, 'admin');
      smtp = await startSmtpServer();
    });
    after(async () => {
      await smtp.close();
      await t.close();
    });

    const page = async () => {
      const res = await adminGet(t, admin, '/admin/security');
      assert.equal(res.statusCode, 200);
      return res.body;
    };
    const minutes = (n: number) => t.clock.advance(n * 60_000);

    test('a run far past its lease and a job failing for hours are shown, logged once and mailed to the admins once; both clear', async () => {
      const found: StuckJob[] = [];
      const watch = jobWatchJob(t.database.db, t.clock, [lifecycle.job, retention.job], (stuck) => found.push(stuck));
      const watchOnce = async () => assert.equal(await runJobOnce(t.database.db, t.clock, 'watcher', watch), 'ran');
      const done = (job: Job) => ({ ...job, run: async () => {} });
      assert.equal(await runJobOnce(t.database.db, t.clock, 'instance', done(lifecycle.job)), 'ran');
      await watchOnce();
      assert.deepEqual(shownStuck(await page()), [], 'nothing stuck');

      // The lifecycle job hangs in a run (its promise never settles until the test finishes it).
      const started = t.clock.now().toISOString();
      const hanging = runJobOnce(t.database.db, t.clock, 'instance', lifecycle.job);
      // The retention job fails, run after run.
      retention.control.fail = true;
      await assert.rejects(runJobOnce(t.database.db, t.clock, 'instance', retention.job));
      const failingSince = t.clock.now().toISOString();
      minutes(4);
      await watchOnce();
      assert.deepEqual(found, [], 'four minutes: within the lease and two intervals; failing for less than three intervals');
      minutes(1);
      await assert.rejects(runJobOnce(t.database.db, t.clock, 'instance', retention.job));
      await watchOnce();
      assert.deepEqual(found, [{ name: 'booking-lifecycle', problem: 'running', since: started }]);
      minutes(3 * 60);
      await assert.rejects(runJobOnce(t.database.db, t.clock, 'instance', retention.job));
      await watchOnce();
      await watchOnce();
      assert.deepEqual(
        found,
        [
          { name: 'booking-lifecycle', problem: 'running', since: started },
          { name: 'retention', problem: 'failing', since: failingSince },
        ],
        'each reported once, the failure since its first failed run',
      );
      const shown = await page();
      assert.deepEqual(shownStuck(shown), [
        ['booking-lifecycle', 'running'],
        ['retention', 'failing'],
      ]);
      // By their names for people, not the log's.
      assert.deepEqual(
        stuckNotices(shown).map((p) => p.textContent.replace(/\s+/g, ' ').trim()),
        [
          'De taak “Boekingen bijwerken” is sinds ma 1 jun 2026, 10:00 (3 uur geleden) bezig, veel langer dan een ronde mag duren.',
          'De taak “Bewaartermijnen toepassen” mislukt sinds ma 1 jun 2026, 10:00 (3 uur geleden) bij elke ronde.',
        ],
      );
      const english = await t.app.inject({
        method: 'GET',
        url: '/admin/security',
        headers: { cookie: `${SESSION_COOKIE}=${admin.cookie}; ${LANGUAGE_COOKIE}=en` },
      });
      assert.deepEqual(
        stuckNotices(english.body).map((p) => p.textContent.replace(/\s+/g, ' ').trim()),
        [
          'The job “Updating bookings” has been running since Mon 1 Jun 2026, 10:00 (3 hours ago), far longer than a run may take.',
          'The job “Applying retention periods” has failed at every run since Mon 1 Jun 2026, 10:00 (3 hours ago).',
        ],
      );

      const report = await deliverDueMails(t.database.db, t.clock, testMailDelivery(smtp, { publicUrl: t.publicUrl }));
      assert.deepEqual(report.failures, []);
      assert.deepEqual(
        smtp.messages.map((mail) => [mail.to && !Array.isArray(mail.to) ? mail.to.text : '', mail.subject]),
        [
          [admin.email, 'Achtergrondtaak “Boekingen bijwerken” loopt vast / Background job “Updating bookings” is stuck'],
          [admin.email, 'Achtergrondtaak “Bewaartermijnen toepassen” loopt vast / Background job “Applying retention periods” is stuck'],
        ],
        'one mail per stuck job to the admin, however often the watch ran',
      );
      const [running] = smtp.messages;
      assert.ok(running?.text?.includes('The background job “Updating bookings” has been running since'));
      assert.ok(running?.text?.includes('Updating bookings (booking-lifecycle)'), running?.text);
      assert.ok(running?.text?.includes(`${t.publicUrl}/admin/security`));

      lifecycle.control.finish();
      await hanging;
      assert.equal(await runJobOnce(t.database.db, t.clock, 'instance', done(retention.job)), 'ran');
      assert.deepEqual(shownStuck(await page()), [], 'a finished run and a success clear them');
    });
  });
}
