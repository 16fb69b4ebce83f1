import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, type TestApp } from '../../../test/app.js';
import { TestClock } from '../../../test/clock.js';
import { testDialects } from '../../../test/databases.js';
import { parseHtml } from '../../../test/html.js';
import { adminGet, type Member } from '../../../test/staff.js';
import { makeTwoVenues, signInMembers } from '../../../test/venues.js';
import { checkDiskSpace, type DiskWatch } from '../../core/watch/disk-watch.service.js';
import type { DiskSpace } from '../../core/watch/watch.js';

const GIB = 1024 ** 3;

/** The admins' notices of low disk space on a page: the host each names, and its text. */
function diskNotices(body: string) {
  return parseHtml(body)
    .querySelectorAll('[data-testid="disk-low"]')
    .map((p) => ({ host: p.getAttribute('data-host'), text: p.textContent.replace(/\s+/g, ' ').trim() }));
}

/** The self-audit page's disk space table: one row per data directory. */
function diskRows(body: string) {
  return parseHtml(body)
    .querySelectorAll('[data-testid="disk-space"] tbody tr')
    .map((tr) => ({ low: tr.getAttribute('data-low'), cells: tr.querySelectorAll('th, td').map((cell) => cell.textContent.trim()) }));
}

for (const dialect of testDialects()) {
  describe(`low disk space in the back office (${dialect.name})`, () => {
    let t: TestApp;
    let admin: Member;
    let manager: Member;
    let space: DiskSpace;
    let watch: DiskWatch;

    before(async () => {
      t = await buildTestApp(dialect, '2026-06-01T08:00:00Z');
      ({ admin, manager } = await signInMembers(t, await makeTwoVenues(t), ['admin', 'manager']));
      watch = { host: 'web1', path: '/var/lib/groupz', read: async () => space, limits: { percent: 10, bytes: GIB } };
    });
    after(() => t.close());

    test('the notice appears on the home page for admins while space is low, and goes once it is back; the self-audit page shows the state', async () => {
      const none = await adminGet(t, admin, '/admin/security');
      assert.ok(parseHtml(none.body).querySelector('[data-testid="disk-space-none"]'), 'before any look');

      space = { free: 50 * GIB, total: 100 * GIB };
      await checkDiskSpace(t.database.db, t.clock, watch);
      assert.deepEqual(diskNotices((await adminGet(t, admin, '/admin')).body), [], 'enough space: no notice');
      assert.deepEqual(diskRows((await adminGet(t, admin, '/admin/security')).body), [
        { low: 'false', cells: ['web1', '/var/lib/groupz', '50 GiB / 100 GiB (50%)', '10% of 1 GiB', 'voldoende', 'zojuist'] },
      ]);

      t.clock.set('2026-06-01T08:10:00Z');
      space = { free: 2.5 * GIB, total: 100 * GIB };
      await checkDiskSpace(t.database.db, t.clock, watch);
      const home = await adminGet(t, admin, '/admin');
      assert.equal(home.statusCode, 200);
      assert.deepEqual(diskNotices(home.body), [
        {
          host: 'web1',
          text: 'Weinig schijfruimte: de gegevensmap /var/lib/groupz op web1 heeft nog 2,5 GiB vrij van 100 GiB (2,5%), minder dan de grens van 10% of 1 GiB. Maak ruimte vrij voordat de schijf vol is: dan kan het platform geen boekingen en e-mails meer opslaan. Schijfruimte bekijken',
        },
      ]);
      assert.ok(parseHtml(home.body).querySelector('[data-testid="disk-low"] a[href="/admin/security#disk-space"]'));
      assert.deepEqual(diskNotices((await adminGet(t, manager, '/admin')).body), [], 'a venue manager cannot act on it');
      t.clock.advance(5 * 60_000);
      assert.deepEqual(diskRows((await adminGet(t, admin, '/admin/security')).body), [
        {
          low: 'true',
          cells: [
            'web1',
            '/var/lib/groupz',
            '2,5 GiB / 100 GiB (2,5%)',
            '10% of 1 GiB',
            'te weinig sinds ma 1 jun 2026, 10:10',
            '5 minuten geleden',
          ],
        },
      ]);

      // The names a phone shows beside each value: one short word where the column is narrow (390 px).
      assert.deepEqual(
        parseHtml((await adminGet(t, admin, '/admin/security')).body)
          .querySelectorAll('[data-testid="disk-space"] tbody td')
          .map((td) => td.getAttribute('data-label')),
        ['Map', 'Vrij', 'Grens', 'Toestand', 'Laatst gekeken'],
      );

      t.clock.advance(60_000);
      space = { free: 40 * GIB, total: 100 * GIB };
      await checkDiskSpace(t.database.db, t.clock, watch);
      assert.deepEqual(diskNotices((await adminGet(t, admin, '/admin')).body), [], 'gone once space is back');
      assert.equal(diskRows((await adminGet(t, admin, '/admin/security')).body)[0]?.low, 'false');
    });

    test('a directory no running instance looked at for a day leaves the notice and the self-audit page', async () => {
      space = { free: 1 * GIB, total: 100 * GIB };
      await checkDiskSpace(t.database.db, t.clock, { ...watch, host: 'web2' });
      const dayAgo = new TestClock(new Date(t.clock.now().getTime() - 25 * 3600_000).toISOString());
      await checkDiskSpace(t.database.db, dayAgo, { ...watch, host: 'old-host' });
      assert.deepEqual(
        diskNotices((await adminGet(t, admin, '/admin')).body).map((n) => n.host),
        ['web2'],
        'the day-old look is left out',
      );
      assert.deepEqual(
        diskRows((await adminGet(t, admin, '/admin/security')).body).map((row) => [row.cells[0], row.low]),
        [
          ['web1', 'false'],
          ['web2', 'true'],
        ],
        'the day-old look is left out',
      );
    });
  });
}
