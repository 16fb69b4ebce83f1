import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { HtmlValidate } from 'html-validate';
import { buildTestApp, type TestApp } from '../../test/app.js';
import { testDialects } from '../../test/databases.js';
import { book, makeActivity, makeSlot } from '../../test/factories.js';
import { browserValidatedForms, parseHtml, requiredSelectProblems, tableHeaderProblems, urlencoded } from '../../test/html.js';
import { adminGet, adminPost, signInMember } from '../../test/staff.js';
import sharp from 'sharp';
import { sharpImages } from '../adapters/images/sharp-images.js';
import { addDemoPhoto } from '../core/photos/photo.service.js';
import { TEST_ADMIN } from '../../test/actors.js';
import { updateVenueProfile } from '../core/venues/venue-profile.service.js';
import { publishTerms } from '../core/venues/venue-terms.service.js';
import { createResourceFromForm, linkActivityFromForm } from '../core/resources/resource-admin.service.js';
import { savePartFromForm } from '../core/resources/programme-admin.service.js';
import { DEFAULT_RETENTION } from '../core/privacy/retention.js';
import { applyRetention } from '../core/privacy/retention.service.js';
import { checkDiskSpace } from '../core/watch/disk-watch.service.js';
import { buildApp } from '../app.js';
import { connectDatabase } from '../db/connect.js';
import { injectOnPublicHost, TEST_PUBLIC_URL, testAuthSettings } from '../../test/app.js';
import { TestClock } from '../../test/clock.js';
import { freePort } from '../../test/server-process.js';

/**
 * html-validate's recommended rules (HTML and WCAG checks of the markup), less two of style (the
 * pages write `<!doctype html>` and void elements as preact renders them), with what HTML allows
 * and its defaults do not: checkbox groups sharing a name, ids with dots (`lines.0.amount`).
 */
const validator = new HtmlValidate({
  extends: ['html-validate:recommended'],
  rules: {
    'doctype-style': 'off',
    'void-style': 'off',
    'form-dup-name': ['error', { shared: ['radio', 'checkbox', 'button', 'reset', 'submit'] }],
    'valid-id': ['error', { relaxed: true }],
  },
});

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

/**
 * The 503 page of a booking form sent while the database is not there (every connection refused):
 * its form to send again holds a field sent twice (two extras). The page needs no database, so an
 * app on a PostgreSQL that does not answer shows it whichever dialect the suite runs on.
 */
async function unavailablePage(): Promise<string> {
  const database = connectDatabase({ url: `postgres://groupz@127.0.0.1:${await freePort()}/groupz`, sqliteFile: '' });
  const app = injectOnPublicHost(
    await buildApp({ db: database.db, clock: new TestClock(), auth: testAuthSettings(), publicUrl: TEST_PUBLIC_URL }),
  );
  try {
    const payload = 'groupSize=8&name=Anna&extras=lunch&extras=canoe&email=anna%40example.nl';
    const res = await app.inject({
      method: 'POST',
      url: `/book/${'0'.repeat(26)}`,
      headers: { ...FORM, 'accept-language': 'en' },
      payload,
    });
    assert.equal(res.statusCode, 503);
    assert.ok(parseHtml(res.body).querySelector('form[data-testid="resend"]'), 'a form to send again');
    return res.body;
  } finally {
    await app.close();
    await database.close();
  }
}

/** A venue profile with every part filled in, so the pages show all of it. */
const VENUE_PROFILE = {
  name: 'Kanoverhuur De Vecht',
  city: 'Utrecht',
  descriptionNl: 'Kano’s.',
  descriptionEn: 'Canoes.',
  street: 'Vechtoever 12',
  postcode: '3555 XA',
  addressCity: 'Utrecht',
  contactPhone: '030 555 0404',
  contactEmail: 'groepen@kano-vecht.example.nl',
  website: 'https://kano-vecht.example.nl',
  routeNl: 'Bus 28.',
  routeEn: 'Bus 28.',
};

for (const dialect of testDialects()) {
  describe(`the main pages are valid HTML with tables and selects in rule on ${dialect.name}`, () => {
    let t: TestApp;
    const pages = new Map<string, string>();
    before(async () => {
      t = await buildTestApp(dialect, '2026-06-01T08:00:00Z');
      const activity = await makeActivity(t.database.db, t.clock, { minGroupSize: 4, maxGroupSize: 30 });
      const slot = await makeSlot(t.database.db, t.clock, activity, { date: '2026-06-03', time: '10:00', capacity: 30 });
      // Two photos: the listing's card, the activity page's lead photo and its row, the back office's photo page.
      const png = await sharp({ create: { width: 600, height: 400, channels: 3, background: '#468' } })
        .png()
        .toBuffer();
      for (const alt of ['A canoe', 'A lake']) {
        const owner = { kind: 'activity', activityId: activity.id } as const;
        await addDemoPhoto(t.database.db, t.clock, sharpImages, activity.venue.id, owner, { file: png, altNl: alt, altEn: alt });
      }
      await updateVenueProfile(t.database.db, t.clock, TEST_ADMIN, activity.venue.id, VENUE_PROFILE);
      await publishTerms(t.database.db, t.clock, TEST_ADMIN, activity.venue.id, { textNl: 'Een.\n\nTwee.', textEn: 'One.\n\nTwo.' });
      const get = async (name: string, url: string) =>
        pages.set(name, (await t.app.inject({ url, headers: { 'accept-language': 'en' } })).body);
      await get('listing', '/');
      await get('activity', `/activities/${activity.slug}`);
      await get('booking form', `/book/${slot.id}`);
      await get('not found', '/no-such-page');
      await get('URI too long', `/activities/${'x'.repeat(300)}`);
      await get('staff sign-in', '/staff/login');
      await get('booking terms', `/venues/${activity.venue.slug}/terms/1`);
      await get('privacy statement', '/privacy');
      const fields = { groupSize: '10', name: 'Anna', email: 'anna@example.nl', phone: '0612345678', acceptTerms: 'yes' };
      const post = (payload: Record<string, string>) =>
        t.app.inject({ method: 'POST', url: `/book/${slot.id}`, headers: FORM, payload: urlencoded(payload) });
      pages.set('refused form', (await post({ ...fields, groupSize: '31', email: 'anna@', action: 'review' })).body);
      pages.set('review with the price', (await post({ ...fields, action: 'review' })).body);
      const placed = await post({ ...fields, action: 'confirm' });
      pages.set('manage page with the price', (await t.app.inject(placed.headers.location!)).body);
      const managePath = placed.headers.location!.split('?')[0]!;
      await get('organiser: their data', `${managePath}/data`);
      await get('organiser: erasure to confirm', `${managePath}/erase`);
      const admin = await signInMember(t, 'admin');
      const booking = await t.database.db.selectFrom('bookings').select('id').executeTakeFirstOrThrow();
      const boat = await createResourceFromForm(
        t.database.db,
        t.clock,
        TEST_ADMIN,
        {
          venueId: activity.venue.id,
          name: 'Boat',
          kind: 'units',
          capacity: '2',
        },
        'nl',
      );
      assert.ok(boat.ok);
      await linkActivityFromForm(t.database.db, t.clock, TEST_ADMIN, boat.value.id, { activityId: activity.id, buffer: '15' }, 'nl');
      const programme = await makeActivity(t.database.db, t.clock, { venueId: activity.venue.id, durationMinutes: 240 });
      const part = await savePartFromForm(
        t.database.db,
        t.clock,
        TEST_ADMIN,
        programme.id,
        undefined,
        {
          titleNl: 'Varen',
          titleEn: 'Sailing',
          offset: '60',
          duration: '90',
          partActivityId: activity.id,
          resources: [boat.value.id],
          buffers: { [boat.value.id]: '15' },
        },
        'nl',
      );
      assert.ok(part.ok);
      const refusedPart = await adminPost(t, admin, `/admin/activities/${programme.id}/programme/parts`, {
        titleNl: '',
        titleEn: 'Lunch',
        offset: '200',
        duration: '60',
        resources: boat.value.id,
        [`buffers.${boat.value.id}`]: 'x',
      });
      assert.equal(refusedPart.statusCode, 422);
      pages.set('back office: programme with a refused part', refusedPart.body);
      const { booking: day } = await book(t.database.db, t.clock, await makeSlot(t.database.db, t.clock, programme), { groupSize: 6 });
      const refusedMove = await adminPost(t, admin, `/admin/bookings/${day.id}/parts/${part.value.id}/move`, {
        start: '07:00',
        resources: boat.value.id,
        [`buffers.${boat.value.id}`]: 'x',
      });
      assert.equal(refusedMove.statusCode, 422);
      pages.set('back office: booking of a programme with a refused move', refusedMove.body);
      const refusedSubgroups = await adminPost(t, admin, `/admin/activities/${programme.id}/programme/subgroups`, {
        subgroupSize: 'x',
        rotating: part.value.id,
      });
      assert.equal(refusedSubgroups.statusCode, 422);
      pages.set('back office: programme with refused subgroups', refusedSubgroups.body);
      // A run of the retention job, so the privacy page lists one.
      await applyRetention(t.database.db, t.clock, { limits: DEFAULT_RETENTION });
      const refusedRetention = await adminPost(t, admin, `/admin/venues/${activity.venue.id}/privacy`, {
        participantsDays: 'x',
        organiserMonths: '99',
        cancelledDays: '',
      });
      assert.equal(refusedRetention.statusCode, 422);
      pages.set('back office: venue privacy with a refused form', refusedRetention.body);
      // A data directory low on space: the day schedule's notice and the security page's table.
      const lowDisk = { free: 1024 ** 2, total: 100 * 1024 ** 2 };
      await checkDiskSpace(t.database.db, t.clock, {
        host: 'web1',
        path: '/srv/groupz',
        read: async () => lowDisk,
        limits: { percent: 10, bytes: 0 },
      });
      for (const [name, url] of [
        ['back office: staff', '/admin/staff'],
        ['back office: staff member', `/admin/staff/${admin.member.id}`],
        ['back office: bookings', '/admin/bookings'],
        ['back office: booking', `/admin/bookings/${booking.id}`],
        ['back office: activities', '/admin/activities'],
        ['back office: new activity', '/admin/activities/new'],
        ['back office: slots', `/admin/activities/${activity.id}/slots`],
        ['back office: photos', `/admin/activities/${activity.id}/photos`],
        ['back office: venue photos', `/admin/venues/${activity.venue.id}/photos`],
        ['back office: day schedule', '/admin?date=2026-06-03'],
        ['back office: booking for a caller', `/admin/slots/${slot.id}/book`],
        ['back office: venues', '/admin/venues'],
        ['back office: venue', `/admin/venues/${activity.venue.id}`],
        ['back office: venue billing details', `/admin/venues/${activity.venue.id}/billing`],
        ['back office: venue privacy', `/admin/venues/${activity.venue.id}/privacy`],
        ['back office: resources', '/admin/resources'],
        ['back office: resource', `/admin/resources/${boat.value.id}`],
        ['back office: resource planning', `/admin/resources/${boat.value.id}/planning?date=2026-06-03`],
        ['back office: programme', `/admin/activities/${programme.id}/programme`],
        ['back office: programme part', `/admin/activities/${programme.id}/programme/parts/${part.value.id}`],
        ['back office: booking of a programme', `/admin/bookings/${day.id}`],
        ['back office: register of processing activities', '/admin/privacy/register'],
        ['back office: personal data', '/admin/personal-data?email=Anna%40example.nl'],
        ['back office: security with the disk space', '/admin/security'],
      ] as const) {
        const res = await adminGet(t, admin, url);
        assert.equal(res.statusCode, 200, url);
        pages.set(name, res.body);
      }
      const refusedEmail = await adminGet(t, admin, '/admin/personal-data?email=anna%40');
      assert.equal(refusedEmail.statusCode, 422);
      pages.set('back office: personal data with a refused address', refusedEmail.body);
      const erasedByStaff = await adminPost(t, admin, '/admin/personal-data/erase', { email: 'anna@example.nl', confirm: 'yes' });
      assert.equal(erasedByStaff.statusCode, 200);
      pages.set('back office: personal data erased', erasedByStaff.body);
      const erasedByOrganiser = await t.app.inject({ method: 'POST', url: `${managePath}/erase`, headers: FORM, payload: '' });
      assert.equal(erasedByOrganiser.statusCode, 200);
      pages.set('organiser: erasure noted', erasedByOrganiser.body);
      pages.set('database unavailable, with a form to send again', await unavailablePage());
    });
    after(() => t.close());

    test('html-validate finds nothing on any of them', async () => {
      const findings: string[] = [];
      for (const [name, body] of pages) {
        const report = await validator.validateString(body);
        for (const message of report.results.flatMap((r) => r.messages)) findings.push(`${name}: ${message.ruleId}: ${message.message}`);
      }
      assert.deepEqual(findings, []);
    });

    test('every table ties its cells to their headers (WCAG H43), every required select starts with a placeholder', () => {
      const findings: string[] = [];
      let tables = 0;
      for (const [name, body] of pages) {
        const page = parseHtml(body);
        for (const table of page.querySelectorAll('table')) {
          tables += 1;
          findings.push(...tableHeaderProblems(table).map((p) => `${name}: ${p}`));
        }
        findings.push(...requiredSelectProblems(page).map((p) => `${name}: ${p}`));
      }
      assert.deepEqual(findings, []);
      assert.ok(tables >= 5, `${tables} tables checked`);
      assert.ok(
        parseHtml(pages.get('review with the price')!).querySelector('[data-testid="price-breakdown"]'),
        'the price table is among them',
      );
      assert.ok(parseHtml(pages.get('back office: staff')!).querySelector('select#role[required]'), 'the role select is among them');
    });

    test('no field is a number input: a whole number is text with a numeric keyboard, no browser check of its own', () => {
      const findings: string[] = [];
      const numeric = new Set<string>();
      for (const [name, body] of pages) {
        const page = parseHtml(body);
        for (const input of page.querySelectorAll('input[type="number"]')) findings.push(`${name}: number input #${input.id}`);
        for (const input of page.querySelectorAll('input[inputmode="numeric"], input[inputmode="decimal"]')) {
          numeric.add(`${name}: ${input.getAttribute('name') ?? ''}`);
          const checked = ['min', 'max', 'step', 'pattern'].filter((attribute) => input.hasAttribute(attribute));
          const offered = !['off', 'one-time-code'].includes(input.getAttribute('autocomplete') ?? '');
          if (input.getAttribute('type') !== 'text' || checked.length > 0 || offered)
            findings.push(`${name}: #${input.id} ${input.outerHTML}`);
        }
      }
      assert.deepEqual(findings, []);
      for (const field of [
        'listing: groupSize',
        'activity: groupSize',
        'booking form: groupSize',
        'refused form: groupSize',
        'manage page with the price: groupSize',
        'back office: booking for a caller: groupSize',
        'back office: booking: groupSize',
        'back office: slots: capacity',
      ]) {
        assert.ok(numeric.has(field), `${field} is among them`);
      }
      const groupSize = parseHtml(pages.get('booking form')!).querySelector('input#groupSize');
      assert.deepEqual(
        ['type', 'inputmode', 'autocomplete'].map((attribute) => groupSize?.getAttribute(attribute)),
        ['text', 'numeric', 'off'],
      );
    });

    test('every form with constrained controls leaves checking to the server (novalidate), whose errors are translated', () => {
      const findings: string[] = [];
      for (const [name, body] of pages) findings.push(...browserValidatedForms(parseHtml(body)).map((p) => `${name}: ${p}`));
      assert.deepEqual(findings, []);
      assert.ok(
        parseHtml(pages.get('manage page with the price')!).querySelector('form[data-testid="group-size-form"]'),
        "the manage page's change-size form is among them",
      );
    });
  });
}
