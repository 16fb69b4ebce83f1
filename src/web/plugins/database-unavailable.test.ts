import assert from 'node:assert/strict';
import { reviewedBookingForm } from '../../../test/booking-form.js';
import { once } from 'node:events';
import { type AddressInfo, connect } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import SQLite from 'better-sqlite3';
import type { FastifyInstance } from 'fastify';
import { buildTestApp, injectOnPublicHost, TEST_PUBLIC_URL, testAuthSettings, type TestApp } from '../../../test/app.js';
import { TestClock } from '../../../test/clock.js';
import { freePort } from '../../../test/server-process.js';
import { buildApp } from '../../app.js';
import { connectDatabase, type DatabaseHandle } from '../../db/connect.js';
import { testDialects } from '../../../test/databases.js';
import { bookingRequest, makeActivity, makeSlot } from '../../../test/factories.js';
import { formFields, parseHtml, urlencoded } from '../../../test/html.js';
import { assertSecurityHeaders } from '../../../test/security-headers.js';
import { captureLog } from '../../../test/log-capture.js';
import { UNAVAILABLE_RETRY_SECONDS } from './errors.js';
import { translator } from '../i18n/i18n.js';
import { codeAt, postForm, sessionCookieOf, setUpAccount } from '../../../test/staff.js';
import type { LightMyRequestResponse } from 'fastify';

const sqlite = testDialects().find((d) => d.name === 'sqlite')!;
const EN = { 'accept-language': 'en' };
const FORM = { ...EN, 'content-type': 'application/x-www-form-urlencoded' };

/**
 * The sign-in page answered while the database cannot serve: 503 with Retry-After, the outage in
 * words, the email typed kept, never the password.
 */
function assertSignInKept(answer: LightMyRequestResponse, email: string, password: string) {
  assert.equal(answer.statusCode, 503, answer.body.slice(0, 500));
  assert.equal(answer.headers['retry-after'], String(UNAVAILABLE_RETRY_SECONDS));
  assertSecurityHeaders(answer.headers, 'the sign-in page answered 503');
  const page = parseHtml(answer.body);
  assert.equal(page.querySelector('[data-testid="form-errors"]')?.textContent.trim(), translator('en')('http.unavailable'));
  const form = page.querySelector('form[action="/staff/login"]');
  assert.ok(form, 'the sign-in form');
  assert.equal(form.querySelector('input[name="email"]')?.getAttribute('value'), email, 'the email typed is kept');
  assert.equal(form.querySelector('input[name="password"]')?.getAttribute('value') ?? '', '', 'never the password');
  assert.ok(!answer.body.includes(password), 'the password is nowhere in the page');
}

// First in the file: the outage log's quiet minute is the process's, and the suites below log outages.
describe('a client that hangs up in the middle of its request', () => {
  test('is the request’s end, not the database’s: no outage is logged (which would hide a real one for a minute)', async () => {
    const { log, lines } = captureLog();
    const t = await buildTestApp(sqlite, undefined, {}, { loggerInstance: log });
    try {
      await t.app.listen({ port: 0, host: '127.0.0.1' });
      const { port } = t.app.server.address() as AddressInfo;
      // A form announcing 1000 bytes that sends eight and goes away: Node's ECONNRESET, which a database connection also raises.
      const socket = connect(port, '127.0.0.1');
      await once(socket, 'connect');
      socket.write(
        `POST /book/x HTTP/1.1\r\nHost: ${new URL(TEST_PUBLIC_URL).host}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\nname=abc`,
      );
      await new Promise((resolve) => setTimeout(resolve, 100));
      socket.destroy();
      const outages = () => lines.filter((line) => String(line.msg).startsWith('database unavailable'));
      // The server answers the hang-up as it ends the request's body (Fastify: 400, nothing logged).
      await new Promise((resolve) => setTimeout(resolve, 500));
      assert.deepEqual(outages(), [], 'a hang-up is no outage');
    } finally {
      await t.app.close();
    }
  });
});

/**
 * SQLite's write lock held by another process past the busy timeout: the group commit's BEGIN is
 * refused (SQLITE_BUSY) and every booking of that group fails. That is the database not serving
 * now, not a bug: 503 with Retry-After, the form kept.
 */
describe('a booking while another process holds SQLite’s write lock past the busy timeout', () => {
  let t: TestApp;
  let holder: SQLite.Database;
  before(async () => {
    t = await buildTestApp(sqlite, '2026-06-01T08:00:00Z');
    holder = new SQLite(join(t.database.env.GROUPZ_DATA_DIR!, 'groupz.sqlite'));
  });
  after(async () => {
    if (holder.inTransaction) holder.exec('rollback');
    holder.close();
    await t.close();
  });

  test('answers 503 with Retry-After (the review step with what was typed, the API as `unavailable`), and books once the lock is free', async () => {
    const activity = await makeActivity(t.database.db, t.clock, { maxGroupSize: 20 });
    const slot = await makeSlot(t.database.db, t.clock, activity, { date: '2026-06-10', capacity: 20 });
    const { confirmFields, confirm } = await reviewedBookingForm(t.app, slot.id);
    const api = () =>
      t.app.inject({ method: 'POST', url: '/api/v1/bookings', headers: EN, payload: bookingRequest(slot.id, { email: 'api@example.nl' }) });

    holder.exec('begin immediate');
    const page = await confirm();
    assert.equal(page.statusCode, 503, page.body.slice(0, 500));
    // The form answers its own 503, and /healthz hears of it all the same.
    assert.equal((await t.app.inject('/healthz')).statusCode, 503, '/healthz tells of the refused booking');
    assert.equal(page.headers['retry-after'], String(UNAVAILABLE_RETRY_SECONDS));
    assertSecurityHeaders(page.headers, 'the form answered 503');
    const shown = parseHtml(page.body);
    assert.match(shown.textContent, /Your booking could not be confirmed just now\. What you filled in is kept below/);
    assert.ok(shown.querySelector('[data-testid="review-confirm"]'), 'the review step the organiser confirmed from, to confirm again');
    const kept = formFields(shown.querySelector('form.actions')!);
    assert.deepEqual(
      [kept.name, kept.email, kept.phone, kept.groupSize, kept.submissionKey],
      ['Anna de Vries', 'anna@example.nl', '030 1234567', '6', confirmFields.submissionKey],
      'what was typed, and the submission key, are kept',
    );

    const refused = await api();
    assert.equal(refused.statusCode, 503);
    assert.equal(refused.headers['retry-after'], String(UNAVAILABLE_RETRY_SECONDS));
    assertSecurityHeaders(refused.headers, 'the API answered 503');
    assert.deepEqual(refused.json(), {
      code: 'unavailable',
      message:
        'We cannot handle this request right now. Your data is safe: what you confirmed earlier is kept. Please try again in a few minutes.',
    });
    // Reads go on under another process's write (WAL), and /healthz tells of the refused writes.
    const health = await t.app.inject('/healthz');
    assert.deepEqual([health.statusCode, health.json()], [503, { status: 'unavailable', checks: { database: 'unavailable' } }]);
    assert.deepEqual(await t.database.db.selectFrom('bookings').select('id').execute(), [], 'nothing was booked');

    holder.exec('rollback');
    assert.equal((await confirm()).statusCode, 303, 'the same form books once the lock is free');
    assert.equal((await api()).statusCode, 201);
    assert.equal((await t.database.db.selectFrom('bookings').select('id').execute()).length, 2);
    t.clock.advance(30_000);
    assert.equal((await t.app.inject('/healthz')).statusCode, 200, '30 s without a refusal');
  });

  test('staff sign-in answers 503 with the sign-in form and the email typed, never the password or the code', async () => {
    const account = await setUpAccount(t, { role: 'admin' });
    const password = { email: account.email, password: account.password };
    const signIn = () => t.app.inject({ method: 'POST', url: '/staff/login', headers: FORM, payload: urlencoded(password) });
    const first = await signIn();
    const pending = sessionCookieOf(first);
    assert.equal(first.statusCode, 303);
    t.clock.advance(30_000);
    const code = codeAt(t, account.secret);

    holder.exec('begin immediate');
    try {
      assertSignInKept(await signIn(), account.email, account.password);
      assert.equal((await t.app.inject('/healthz')).statusCode, 503, '/healthz tells of the refused sign-in');
      const second = await postForm(t, '/staff/login/code', { code }, pending);
      assert.equal(second.statusCode, 503);
      assert.equal(second.headers['retry-after'], String(UNAVAILABLE_RETRY_SECONDS));
      // Its session is looked up (and its use recorded) before the code is checked: the plain 503 page.
      assert.match(second.body, /Uw gegevens zijn veilig/);
      assert.ok(!second.body.includes(code), 'never the code');
    } finally {
      holder.exec('rollback');
    }
    assert.equal((await postForm(t, '/staff/login/code', { code }, pending)).statusCode, 303, 'the code signs in once the lock is free');
  });
});

describe('an app whose PostgreSQL is not there (every connection refused)', () => {
  let down: FastifyInstance;
  let database: DatabaseHandle;
  before(async () => {
    database = connectDatabase({ url: `postgres://groupz@127.0.0.1:${await freePort()}/groupz`, sqliteFile: '' });
    down = injectOnPublicHost(
      await buildApp({ db: database.db, clock: new TestClock(), auth: testAuthSettings(), publicUrl: TEST_PUBLIC_URL }),
    );
  });
  after(async () => {
    await down.close();
    await database.close();
  });

  test('/healthz answers 503 JSON naming the database, pages a translated 503, all with Retry-After and the security headers', async () => {
    const health = await down.inject('/healthz');
    assert.equal(health.statusCode, 503);
    assert.equal(health.headers['content-type'], 'application/json; charset=utf-8');
    assert.deepEqual(health.json(), { status: 'unavailable', checks: { database: 'unavailable' } });
    const page = await down.inject({ url: '/', headers: { 'accept-language': 'nl' } });
    assert.equal(page.statusCode, 503);
    assert.match(page.body, /<h1>Tijdelijk niet beschikbaar<\/h1>/);
    assert.match(page.body, /Uw gegevens zijn veilig/);
    for (const answer of [health, page]) {
      assert.equal(answer.headers['retry-after'], String(UNAVAILABLE_RETRY_SECONDS));
      assertSecurityHeaders(answer.headers, answer === health ? '/healthz' : '/');
    }
  });

  test('a booking form sent meanwhile comes back as a page that sends it again as it was, key included', async () => {
    const slotId = '0'.repeat(26);
    const sent = {
      submissionKey: 'k'.repeat(43),
      groupSize: '28',
      name: 'Marieke <Typed> & co',
      email: 'marieke@example.nl',
      extras: ['a', 'b'],
    };
    const body = new URLSearchParams();
    for (const [name, value] of Object.entries(sent)) for (const v of [value].flat()) body.append(name, v);
    const answer = await down.inject({ method: 'POST', url: `/book/${slotId}`, headers: FORM, payload: body.toString() });
    assert.equal(answer.statusCode, 503);
    assert.equal(answer.headers['retry-after'], String(UNAVAILABLE_RETRY_SECONDS));
    assertSecurityHeaders(answer.headers, `/book/${slotId}`);
    const resend = parseHtml(answer.body).querySelector('form[data-testid="resend"]');
    assert.ok(resend, 'a form to send again');
    assert.equal(resend.getAttribute('action'), `/book/${slotId}`);
    assert.equal(resend.getAttribute('method'), 'post');
    // What the form sends: its hidden inputs' values and its hidden selects' selected options, in document order.
    const kept = resend
      .querySelectorAll('input[type="hidden"], select')
      .flatMap((control) =>
        control.tagName === 'SELECT'
          ? control.querySelectorAll('option[selected]').map((option) => [control.getAttribute('name'), option.getAttribute('value')])
          : [[control.getAttribute('name'), control.getAttribute('value')]],
      );
    assert.deepEqual(kept, [...body.entries()], 'every field as it was sent, in order');
    assert.equal(resend.querySelectorAll('[name="extras"]').length, 1, 'one control for a name sent twice');
    assert.match(resend.textContent ?? '', /Send again/);
    // The back office's forms (a password, say) are not put into a page.
    const staff = await down.inject({ method: 'POST', url: '/staff/login', headers: FORM, payload: 'email=a%40b.nl&password=secret' });
    assert.equal(staff.statusCode, 503);
    assert.equal(parseHtml(staff.body).querySelector('form[data-testid="resend"]'), null);
    assert.doesNotMatch(staff.body, /secret/);
    // Also when the path escapes a letter, which the router decodes.
    const escaped = await down.inject({ method: 'POST', url: '/%73taff/login', headers: FORM, payload: 'email=a%40b.nl&password=secret' });
    assert.equal(escaped.statusCode, 503);
    assert.doesNotMatch(escaped.body, /secret/);
  });

  test('staff sign-in answers 503 with the sign-in form and the email typed, never the password', async () => {
    const answer = await down.inject({
      method: 'POST',
      url: '/staff/login',
      headers: FORM,
      payload: 'email=a%40b.nl&password=s3cr3t-typed',
    });
    assertSignInKept(answer, 'a@b.nl', 's3cr3t-typed');
  });
});
