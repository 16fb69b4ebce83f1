import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { withoutActivityLog } from '../../../test/activity-log-outage.js';
import { TestClock } from '../../../test/clock.js';
import { type TestDatabase, testDialects } from '../../../test/databases.js';
import { listSelfAudits } from './self-audit.repository.js';
import { recordSelfAudit, runSelfAuditNow, SELF_AUDITS_KEPT } from './self-audit.service.js';
import type { AuditReport } from './self-audit.js';

/** A stored run as the audit module returns it; here only its storage is under test. */
function report(minute: number, ok: boolean): AuditReport {
  return {
    url: 'https://bookings.groupz.now',
    at: new Date(Date.UTC(2026, 10, 30, 12, minute)).toISOString(),
    ok,
    checks: [
      { id: 'hsts', title: 'HSTS', ok, severity: ok ? 'info' : 'error', finding: ok ? 'max-age=63072000' : 'no header' },
      { id: 'cert-expiry', title: 'Certificate', ok: true, severity: 'warning', finding: 'in 10 days' },
    ],
  };
}

for (const dialect of testDialects()) {
  describe(`stored self-audits (${dialect.name})`, () => {
    let database: TestDatabase;
    before(async () => {
      database = await dialect.create();
    });
    after(() => database.close());

    test('come back as stored, newest first; only the newest SELF_AUDITS_KEPT are kept', async () => {
      for (let minute = 0; minute < SELF_AUDITS_KEPT + 2; minute += 1) await recordSelfAudit(database.db, report(minute, minute % 2 === 0));
      const runs = await listSelfAudits(database.db, 100);
      assert.equal(runs.length, SELF_AUDITS_KEPT);
      assert.deepEqual(runs[0], report(SELF_AUDITS_KEPT + 1, false));
      assert.deepEqual(runs.at(-1), report(2, true), 'the two oldest are gone');
      assert.deepEqual(
        (await listSelfAudits(database.db, 3)).map((run) => run.at),
        runs.slice(0, 3).map((run) => run.at),
      );
    });

    test("a member's run is stored with their activity log entry, or neither is", async () => {
      const clock = new TestClock('2026-12-01T09:00:00Z');
      const by = { actor: { id: 'admin-id', email: 'admin@groupz.test' }, client: '192.0.2.0/24' };
      const audit = async () => report(59, true);
      const newest = async () => (await listSelfAudits(database.db, 1))[0]?.at;
      const entries = () =>
        database.db.selectFrom('activity_log').select(['actor_email', 'client']).where('action', '=', 'security.self_audit_run').execute();
      const before = await newest();
      assert.notEqual(before, report(59, true).at);

      await withoutActivityLog(database.db, () => assert.rejects(runSelfAuditNow(database.db, clock, audit, by)));
      assert.equal(await newest(), before, 'no run without its entry');
      assert.deepEqual(await entries(), []);

      assert.equal(await runSelfAuditNow(database.db, clock, audit, by), 'ran', 'the failed run gave its lease back');
      assert.equal(await newest(), report(59, true).at);
      assert.deepEqual(await entries(), [{ actor_email: 'admin@groupz.test', client: '192.0.2.0/24' }]);
    });
  });
}
