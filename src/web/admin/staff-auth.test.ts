import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createVenue } from '../../core/catalog/catalog.service.js';
import { hashToken } from '../../core/shared/ids.js';
import { sweepExpiredSessions } from '../../core/staff/session.service.js';
import { addStaff } from '../../core/staff/staff.service.js';
import { buildTestApp, type TestApp } from '../../../test/app.js';
import { captureLog } from '../../../test/log-capture.js';
import { testDialects } from '../../../test/databases.js';
import { makeActivity } from '../../../test/factories.js';
import { parseHtml } from '../../../test/html.js';
import { adminGet, adminPost, codeAt, postForm, sessionCookieOf, setUpAccount, signIn, type TestAccount } from '../../../test/staff.js';
import { SESSION_COOKIE } from './session-cookie.js';

const HOUR = 3600_000;

async function loggedActions(t: TestApp, email: string): Promise<string[]> {
  const rows = await t.database.db
    .selectFrom('activity_log')
    .select('action')
    .where('target', '=', email)
    .orderBy('at')
    .orderBy('id')
    .execute();
  return rows.map((r) => r.action);
}

async function sessionRows(t: TestApp, staffId: string) {
  return t.database.db.selectFrom('staff_sessions').selectAll().where('staff_id', '=', staffId).execute();
}

for (const dialect of testDialects()) {
  describe(`staff sign-in (${dialect.name})`, () => {
    let t: TestApp;
    let venue: string;

    before(async () => {
      t = await buildTestApp(dialect);
      await makeActivity(t.database.db, t.clock);
      venue = (await t.database.db.selectFrom('venues').select('slug').executeTakeFirstOrThrow()).slug;
    });
    after(() => t.close());

    test('setup link, password, TOTP enrolment, sign-in and sign-out, with codes computed outside the app', async () => {
      const { member, setupToken } = await addStaff(
        t.database.db,
        t.clock,
        { email: 'Anna@Venue.test', name: 'Anna', role: 'manager', venue },
        null,
      );
      assert.equal(member.email, 'anna@venue.test');
      const row = await t.database.db.selectFrom('staff').selectAll().where('id', '=', member.id).executeTakeFirstOrThrow();
      assert.equal(row.setup_token_hash, hashToken(setupToken), 'only the hash of the link is stored');
      assert.equal(row.password_hash, null);

      // Before setup the account cannot sign in.
      const early = await postForm(t, '/staff/login', { email: 'anna@venue.test', password: 'whatever it is' });
      assert.equal(early.statusCode, 401);

      const form = await t.app.inject({ url: `/staff/setup/${setupToken}` });
      assert.equal(form.statusCode, 200);
      assert.equal(form.headers['cache-control'], 'no-store');
      const common = await postForm(t, `/staff/setup/${setupToken}`, { password: 'iloveyou1', password_repeat: 'iloveyou1' });
      assert.equal(common.statusCode, 422);
      assert.match(parseHtml(common.body).querySelector('[data-testid="form-errors"]')!.textContent, /veelgebruikt/);
      const password = 'fietsen langs de Vecht';
      const set = await postForm(t, `/staff/setup/${setupToken}`, { password, password_repeat: password });
      assert.equal(set.statusCode, 303);

      const enrol = await t.app.inject({ url: set.headers.location as string });
      const page = parseHtml(enrol.body);
      const secret = page.querySelector('[data-testid="totp-secret"]')!.textContent.replace(/\s/g, '');
      assert.match(secret, /^[A-Z2-7]{32}$/);
      assert.ok(page.querySelector('figure svg'), 'the QR code is inline SVG');
      const stored = await t.database.db
        .selectFrom('staff')
        .select(['totp_pending_secret'])
        .where('id', '=', member.id)
        .executeTakeFirstOrThrow();
      assert.ok(stored.totp_pending_secret && !stored.totp_pending_secret.includes(secret), 'the secret is encrypted at rest');

      const wrong = await postForm(t, set.headers.location as string, { code: codeAt(t, secret, 3) });
      assert.equal(wrong.statusCode, 401);
      const done = await postForm(t, set.headers.location as string, { code: codeAt(t, secret) });
      assert.equal(done.statusCode, 200);
      const codes = parseHtml(done.body)
        .querySelectorAll('[data-testid="recovery-codes"] code')
        .map((c) => c.textContent);
      assert.equal(codes.length, 10);
      assert.equal(new Set(codes).size, 10);
      const hashes = await t.database.db.selectFrom('recovery_codes').select('code_hash').where('staff_id', '=', member.id).execute();
      assert.equal(hashes.length, 10);
      assert.ok(
        hashes.every((h) => !codes.some((c) => h.code_hash.includes(c.replace(/-/g, '')))),
        'recovery codes stored hashed',
      );

      // The link is used up.
      assert.equal((await t.app.inject({ url: `/staff/setup/${setupToken}` })).statusCode, 404);

      // Sign in: password, then a code from the next step (the enrolment step was used).
      const first = await postForm(t, '/staff/login', { email: 'ANNA@venue.test', password });
      assert.equal(first.statusCode, 303);
      assert.equal(first.headers.location, '/staff/login/code');
      const pending = sessionCookieOf(first)!;
      assert.equal((await adminGet(t, { cookie: pending, csrf: '' }, '/admin/account')).statusCode, 303, 'password alone opens nothing');
      t.clock.advance(30_000);
      const second = await postForm(t, '/staff/login/code', { code: codeAt(t, secret) }, pending);
      assert.equal(second.statusCode, 303);
      assert.equal(second.headers.location, '/admin');
      const cookie = second.cookies.find((c) => c.name === SESSION_COOKIE)!;
      assert.notEqual(cookie.value, pending, 'a new session token after the second factor');
      assert.equal(cookie.httpOnly, true);
      assert.equal(cookie.secure, true);
      assert.equal(cookie.sameSite, 'Strict');
      assert.equal(cookie.path, '/');
      assert.equal(cookie.domain, undefined);
      assert.ok(Buffer.from(cookie.value, 'base64url').length >= 16, 'at least 128 bits');
      const rows = await sessionRows(t, member.id);
      assert.deepEqual(
        rows.map((r) => r.token_hash),
        [hashToken(cookie.value)],
        'one session, stored by hash only; the password-only session is gone',
      );

      const account = await adminGet(t, { cookie: cookie.value, csrf: '' }, '/admin/account');
      assert.equal(account.statusCode, 200);
      assert.equal(account.headers['cache-control'], 'no-store');
      const csrf = parseHtml(account.body).querySelector('input[name="_csrf"]')!.getAttribute('value')!;

      const forged = await postForm(t, '/staff/logout', {}, cookie.value);
      assert.equal(forged.statusCode, 403, 'another site cannot sign a member out');
      assert.equal((await sessionRows(t, member.id)).length, 1);
      const logout = await postForm(t, '/staff/logout', { _csrf: csrf }, cookie.value);
      assert.equal(logout.statusCode, 303);
      assert.equal(logout.headers['clear-site-data'], '"cache", "storage"', 'the language choice survives');
      assert.deepEqual(
        logout.cookies.map((c) => c.name),
        [SESSION_COOKIE],
        'the session cookie is expired by name, no other',
      );
      const cleared = logout.cookies.find((c) => c.name === SESSION_COOKIE)!;
      assert.equal(cleared.value, '');
      assert.ok(cleared.expires && cleared.expires.getTime() <= Date.now(), 'the session cookie is expired');
      assert.equal((await sessionRows(t, member.id)).length, 0, 'the session row is deleted');
      assert.equal((await adminGet(t, { cookie: cookie.value, csrf }, '/admin/account')).statusCode, 303);
      // The test clock stood still, so compare what was recorded, not its order.
      assert.deepEqual((await loggedActions(t, 'anna@venue.test')).sort(), [
        'auth.login',
        'auth.login_failed',
        'auth.logout',
        'staff.added',
        'staff.second_factor_enrolled',
      ]);
    });

    test('a replayed code, a code two steps old, a wrong code and a reused recovery code are refused', async () => {
      const account = await setUpAccount(t, { venue });
      const password = async () =>
        sessionCookieOf(await postForm(t, '/staff/login', { email: account.email, password: account.password }))!;
      t.clock.advance(30_000);
      const code = codeAt(t, account.secret);
      const pending = await password();
      assert.equal((await postForm(t, '/staff/login/code', { code }, pending)).statusCode, 303);

      const again = await password();
      assert.equal((await postForm(t, '/staff/login/code', { code }, again)).statusCode, 401, 'the same code twice');
      t.clock.advance(30_000);
      assert.equal(
        (await postForm(t, '/staff/login/code', { code: codeAt(t, account.secret, -2) }, again)).statusCode,
        401,
        'two steps old',
      );
      assert.equal(
        (await postForm(t, '/staff/login/code', { code: String((Number(codeAt(t, account.secret)) + 1) % 1e6).padStart(6, '0') }, again))
          .statusCode,
        401,
      );

      const recovery = account.recoveryCodes[0]!;
      assert.equal(
        (await postForm(t, '/staff/login/code', { code: recovery.toLowerCase() }, again)).statusCode,
        303,
        'a recovery code works once',
      );
      const third = await password();
      const reused = await postForm(t, '/staff/login/code', { code: recovery }, third);
      assert.equal(reused.statusCode, 401);
      assert.match(parseHtml(reused.body).querySelector('[data-testid="form-errors"]')!.textContent, /al gebruikt/);
      const actions = await loggedActions(t, account.email);
      assert.equal(actions.filter((a) => a === 'auth.second_factor_failed').length, 4);
    });

    test('the second factor is due within 5 minutes of the password', async () => {
      const account = await setUpAccount(t, { venue });
      const pending = sessionCookieOf(await postForm(t, '/staff/login', { email: account.email, password: account.password }))!;
      t.clock.advance(5 * 60_000 + 1000);
      const late = await postForm(t, '/staff/login/code', { code: codeAt(t, account.secret) }, pending);
      assert.equal(late.statusCode, 303);
      assert.equal(late.headers.location, '/staff/login?reason=expired');
      assert.equal((await sessionRows(t, account.member.id)).length, 0);
    });

    test('an unknown email gets the same answer as a wrong password', async () => {
      const account = await setUpAccount(t, { venue });
      const unknown = await postForm(t, '/staff/login', { email: 'nobody@venue.test', password: account.password });
      const wrong = await postForm(t, '/staff/login', { email: account.email, password: 'not the password' });
      assert.equal(unknown.statusCode, 401);
      assert.equal(wrong.statusCode, 401);
      const message = (body: string) => parseHtml(body).querySelector('[data-testid="form-errors"]')!.textContent;
      assert.equal(message(unknown.body), message(wrong.body));
      assert.equal(unknown.body.replace('nobody@venue.test', account.email), wrong.body);
    });

    test('an email with control characters fails like an unknown one (PostgreSQL cannot store U+0000)', async () => {
      for (const email of ['\u0000', 'a\u0000b@venue.test', 'x@venue.test\u0007']) {
        const response = await postForm(t, '/staff/login', { email, password: 'not the password' });
        assert.equal(response.statusCode, 401, JSON.stringify(email));
        assert.ok(parseHtml(response.body).querySelector('[data-testid="form-errors"]'), 'the login form with its error');
      }
      const logged = await t.database.db.selectFrom('activity_log').select('target').where('action', '=', 'auth.login_failed').execute();
      assert.ok(!logged.some((row) => row.target?.includes('a\ufffdb')), 'an unknown identifier is not kept');
      await assert.rejects(addStaff(t.database.db, t.clock, { email: 'a\u0000b@venue.test', name: 'A', role: 'admin' }, null), {
        code: 'email_invalid',
      });
      await assert.rejects(addStaff(t.database.db, t.clock, { email: 'ab@venue.test', name: 'A\u0000', role: 'admin' }, null), {
        code: 'name_invalid',
      });
    });

    test('a notice named in the query that is an Object property (toString) is no notice, not a 500', async () => {
      const member = await signIn(t, await setUpAccount(t, { venue }));
      for (const name of ['toString', 'constructor', '__proto__', 'hasOwnProperty']) {
        const login = await t.app.inject({ url: `/staff/login?reason=${name}` });
        assert.equal(login.statusCode, 200, name);
        const account = await adminGet(t, member, `/admin/account?done=${name}`);
        assert.equal(account.statusCode, 200, name);
        assert.equal(parseHtml(account.body).querySelector('[data-testid="notice"]'), null, name);
      }
    });

    test('a session idle longer than the timeout is refused and its row deleted', async () => {
      const account = await setUpAccount(t, { venue });
      const session = await signIn(t, account);
      t.clock.advance(59 * 60_000);
      assert.equal((await adminGet(t, session, '/admin/account')).statusCode, 200, 'used within the hour');
      t.clock.advance(HOUR + 1000);
      const idle = await adminGet(t, session, '/admin/account');
      assert.equal(idle.statusCode, 303);
      assert.equal(idle.headers.location, '/staff/login?reason=expired');
      assert.equal(idle.cookies.find((c) => c.name === SESSION_COOKIE)?.value, '', 'the cookie is cleared');
      assert.equal((await sessionRows(t, account.member.id)).length, 0);
      assert.ok((await loggedActions(t, account.email)).includes('auth.timeout'));
    });

    test('a session used regularly still ends at the absolute limit of 12 hours', async () => {
      const account = await setUpAccount(t, { venue });
      const session = await signIn(t, account);
      for (let minutes = 0; minutes < 12 * 60 - 30; minutes += 30) {
        t.clock.advance(30 * 60_000);
        assert.equal((await adminGet(t, session, '/admin/account')).statusCode, 200, `after ${minutes + 30} minutes`);
      }
      t.clock.advance(31 * 60_000);
      assert.equal((await adminGet(t, session, '/admin/account')).statusCode, 303);
      assert.equal((await sessionRows(t, account.member.id)).length, 0);
    });

    test('the sweeper deletes expired sessions whose browser never comes back', async () => {
      const account = await setUpAccount(t, { venue });
      await signIn(t, account);
      const other = await setUpAccount(t, { venue });
      await signIn(t, other);
      t.clock.advance(30 * 60_000);
      await adminGet(t, await signIn(t, other), '/admin/account');
      await sweepExpiredSessions(t.database.db, t.clock, t.auth);
      assert.equal((await sessionRows(t, account.member.id)).length, 1, 'nothing expired yet');
      t.clock.advance(40 * 60_000);
      assert.ok((await sweepExpiredSessions(t.database.db, t.clock, t.auth)) >= 2);
      assert.equal((await sessionRows(t, account.member.id)).length, 0);
      assert.equal((await sessionRows(t, other.member.id)).length, 1, 'the session used 40 minutes ago stays');
      assert.ok((await loggedActions(t, account.email)).includes('auth.timeout'));
    });

    test('the 11th wrong password in a row is refused even when right, until the wait is over', async () => {
      const account = await setUpAccount(t, { venue });
      for (let i = 1; i <= 10; i += 1) {
        const response = await postForm(t, '/staff/login', { email: account.email, password: `wrong guess ${i}` });
        assert.equal(response.statusCode, 401, `attempt ${i}`);
      }
      const blocked = await postForm(t, '/staff/login', { email: account.email, password: account.password });
      assert.equal(blocked.statusCode, 429);
      assert.ok(Number(blocked.headers['retry-after']) > 0);
      assert.equal(sessionCookieOf(blocked), undefined);
      assert.match(parseHtml(blocked.body).querySelector('[data-testid="form-errors"]')!.textContent, /Te veel pogingen/);
      t.clock.advance(61_000);
      const after = await postForm(t, '/staff/login', { email: account.email, password: account.password });
      assert.equal(after.statusCode, 303, 'a wait, not a lock-out');
      assert.ok((await loggedActions(t, account.email)).includes('auth.throttled'));
    });

    test('a burst of failures from one network is slowed down, whatever the accounts', async () => {
      const from = { remoteAddress: '203.0.113.77' };
      let status = 0;
      let attempts = 0;
      while (status !== 429 && attempts < 100) {
        attempts += 1;
        const response = await t.app.inject({
          method: 'POST',
          url: '/staff/login',
          ...from,
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          payload: `email=guess${attempts}%40venue.test&password=password${attempts}`,
        });
        status = response.statusCode;
      }
      assert.equal(status, 429);
      assert.equal(attempts, 31, '30 failures an hour pass, then the network waits');
      const elsewhere = await t.app.inject({
        method: 'POST',
        url: '/staff/login',
        remoteAddress: '198.51.100.9',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'email=guess1%40venue.test&password=x',
      });
      assert.equal(elsewhere.statusCode, 401, 'other networks are not affected');
    });

    test('wrong codes after a right password are throttled per account too', async () => {
      const account = await setUpAccount(t, { venue });
      const pending = sessionCookieOf(await postForm(t, '/staff/login', { email: account.email, password: account.password }))!;
      for (let i = 0; i < 5; i += 1) assert.equal((await postForm(t, '/staff/login/code', { code: '000000' }, pending)).statusCode, 401);
      t.clock.advance(30_000);
      assert.equal((await postForm(t, '/staff/login/code', { code: codeAt(t, account.secret) }, pending)).statusCode, 429);
    });

    test('changing the password or the second factor ends every other session', async () => {
      const account: TestAccount = await setUpAccount(t, { venue });
      const laptop = await signIn(t, account);
      const phone = await signIn(t, account);
      t.clock.advance(30_000);
      const refused = await adminPost(t, laptop, '/admin/account/password', {
        current_password: 'not it',
        current_code: codeAt(t, account.secret),
        password: 'een nieuw wachtwoord',
        password_repeat: 'een nieuw wachtwoord',
      });
      assert.equal(refused.statusCode, 401);
      assert.match(parseHtml(refused.body).querySelector('[data-testid="error-password"]')!.textContent, /wachtwoord klopt niet/);
      t.clock.advance(30_000);
      const changed = await adminPost(t, laptop, '/admin/account/password', {
        current_password: account.password,
        current_code: codeAt(t, account.secret),
        password: 'een nieuw wachtwoord',
        password_repeat: 'een nieuw wachtwoord',
      });
      assert.equal(changed.statusCode, 303);
      assert.equal((await adminGet(t, phone, '/admin/account')).statusCode, 303, 'the other session ended');
      assert.equal((await adminGet(t, laptop, '/admin/account')).statusCode, 200, 'this session stays');
      account.password = 'een nieuw wachtwoord';

      const tablet = await signIn(t, account);
      t.clock.advance(30_000);
      const start = await adminPost(t, laptop, '/admin/account/two-factor/start', {
        current_password: account.password,
        current_code: codeAt(t, account.secret),
      });
      assert.equal(start.statusCode, 303);
      const enrol = await adminGet(t, laptop, '/admin/account/two-factor');
      const secret = parseHtml(enrol.body).querySelector('[data-testid="totp-secret"]')!.textContent.replace(/\s/g, '');
      assert.notEqual(secret, account.secret);
      const confirmed = await adminPost(t, laptop, '/admin/account/two-factor', { code: codeAt(t, secret) });
      assert.equal(confirmed.statusCode, 200);
      assert.equal(parseHtml(confirmed.body).querySelectorAll('[data-testid="recovery-codes"] code').length, 10);
      assert.equal((await adminGet(t, tablet, '/admin/account')).statusCode, 303, 'the other session ended');
      account.secret = secret;
      assert.ok(await signIn(t, account), 'the new app works');
      const actions = await loggedActions(t, account.email);
      assert.ok(actions.includes('staff.password_changed'));
      assert.equal(actions.filter((a) => a === 'staff.second_factor_enrolled').length, 2);
    });

    test('an account can end its other sessions, one or all', async () => {
      const account = await setUpAccount(t, { venue });
      const a = await signIn(t, account);
      const b = await signIn(t, account);
      const c = await signIn(t, account);
      const bHash = hashToken(b.cookie);
      assert.equal((await adminPost(t, a, '/admin/account/sessions/end', { session: bHash })).statusCode, 303);
      assert.equal((await adminGet(t, b, '/admin/account')).statusCode, 303);
      assert.equal((await adminGet(t, c, '/admin/account')).statusCode, 200);
      await adminPost(t, a, '/admin/account/sessions/end', { session: 'others' });
      assert.equal((await adminGet(t, c, '/admin/account')).statusCode, 303);
      assert.equal((await sessionRows(t, account.member.id)).length, 1);
      // Another member's session cannot be ended from here.
      const other = await setUpAccount(t, { venue });
      const theirs = await signIn(t, other);
      await adminPost(t, a, '/admin/account/sessions/end', { session: hashToken(theirs.cookie) });
      assert.equal((await adminGet(t, theirs, '/admin/account')).statusCode, 200);
    });

    test('common Dutch passwords and ones built from the venue, Groupz or the address are refused as field errors', async () => {
      const klimhal = await createVenue(t.database.db, t.clock, { slug: 'klimhal-de-wand', name: 'Klimhal De Wand', city: 'Zwolle' });
      const { setupToken } = await addStaff(
        t.database.db,
        t.clock,
        { email: 'joris.visser@venue.test', name: 'Joris', role: 'staff', venue: klimhal.slug },
        null,
      );
      const url = `/staff/setup/${setupToken}`;
      const refusals: [string, RegExp][] = [
        ['wachtwoord', /veelgebruikt of één gewoon woord/],
        ['welkom01', /veelgebruikt of één gewoon woord/],
        ['Welkom123', /veelgebruikt of één gewoon woord/],
        ['klimhal123', /naam van uw locatie/],
        ['Groupz2026!', /naam van uw locatie of van Groupz/],
        ['jorisvisser1', /e-mailadres/],
      ];
      for (const [password, message] of refusals) {
        const response = await postForm(t, url, { password, password_repeat: password });
        assert.equal(response.statusCode, 422, password);
        const page = parseHtml(response.body);
        assert.match(page.querySelector('[data-testid="error-password"]')!.textContent, message, password);
        assert.equal(page.querySelector('#password')!.getAttribute('aria-invalid'), 'true');
      }
      const english = await t.app.inject({
        method: 'POST',
        url,
        headers: { origin: t.publicUrl, 'content-type': 'application/x-www-form-urlencoded', cookie: 'lang=en' },
        payload: 'password=klimhal123&password_repeat=klimhal123',
      });
      assert.match(parseHtml(english.body).querySelector('[data-testid="error-password"]')!.textContent, /name of your venue/);
      const row = () =>
        t.database.db.selectFrom('staff').select('password_hash').where('email', '=', 'joris.visser@venue.test').executeTakeFirstOrThrow();
      assert.equal((await row()).password_hash, null, 'nothing was set');
      const passphrase = 'klimmen op dinsdagavond bij De Wand';
      assert.equal((await postForm(t, url, { password: passphrase, password_repeat: passphrase })).statusCode, 303, 'a passphrase passes');

      // The same rules on My account, on the new password's field.
      const account = await setUpAccount(t, { venue: klimhal.slug });
      const session = await signIn(t, account);
      t.clock.advance(30_000);
      const refused = await adminPost(t, session, '/admin/account/password', {
        current_password: account.password,
        current_code: codeAt(t, account.secret),
        password: 'Klimhal2026',
        password_repeat: 'Klimhal2026',
      });
      assert.equal(refused.statusCode, 422);
      const page = parseHtml(refused.body);
      assert.match(page.querySelector('[data-testid="error-password"]')!.textContent, /naam van uw locatie/);
      assert.equal(page.querySelector('#password')!.getAttribute('aria-invalid'), 'true');
    });

    test('an own address, a part of the venue name or groupz.now with a digit is refused on the setup link; a passphrase passes', async () => {
      const venue = await createVenue(t.database.db, t.clock, { slug: 'wand-utrecht', name: 'Klimhal De Wand', city: 'Utrecht' });
      const setupUrl = async (email: string, role: 'manager' | 'admin', venueSlug?: string) => {
        const added = await addStaff(t.database.db, t.clock, { email, name: 'Nieuw', role, venue: venueSlug }, null);
        return `/staff/setup/${added.setupToken}`;
      };
      const accounts: [string, string, string[]][] = [
        [
          await setupUrl('m1@klimhal.test', 'manager', venue.slug),
          'm1@klimhal.test',
          ['m1@klimhal.test', 'm1klimhal', 'groupz.now1', 'DeWand2024'],
        ],
        [await setupUrl('admin@example.org', 'admin'), 'admin@example.org', ['admin@example.org', 'Admin@Example.org1']],
      ];
      for (const [url, email, refused] of accounts) {
        for (const password of refused) {
          const response = await postForm(t, url, { password, password_repeat: password });
          assert.equal(response.statusCode, 422, `${email}: ${password}`);
          assert.match(
            parseHtml(response.body).querySelector('[data-testid="error-password"]')!.textContent,
            /af te leiden uit uw e-mailadres/,
          );
        }
        const passphrase = 'klimmen op dinsdagavond bij De Wand';
        assert.equal(
          (await postForm(t, url, { password: passphrase, password_repeat: passphrase })).statusCode,
          303,
          `${email}: a passphrase`,
        );
      }
    });

    test('setup links expire after 24 hours', async () => {
      const { setupToken } = await addStaff(
        t.database.db,
        t.clock,
        { email: 'late@venue.test', name: 'Late', role: 'viewer', venue },
        null,
      );
      t.clock.advance(24 * HOUR + 1000);
      const page = await t.app.inject({ url: `/staff/setup/${setupToken}` });
      assert.equal(page.statusCode, 404);
      assert.match(page.body, /verlopen/);
    });
  });

  describe(`failed sign-ins in the activity log (${dialect.name})`, () => {
    test('an unknown identifier is recorded without its text, in the activity log and the logs; a known account by its id', async () => {
      const { log, lines } = captureLog();
      const t = await buildTestApp(dialect, undefined, {}, { loggerInstance: log });
      const { db } = t.database;
      try {
        await makeActivity(db, t.clock);
        const venue = (await db.selectFrom('venues').select('slug').executeTakeFirstOrThrow()).slug;
        const secret = 'Secret-Passw0rd!';
        // Eleven tries: ten refused, then the identifier's counter makes the eleventh wait.
        const statuses: number[] = [];
        for (let i = 0; i < 11; i += 1)
          statuses.push((await postForm(t, '/staff/login', { email: secret, password: 'whatever' })).statusCode);
        assert.deepEqual(statuses, [...Array<number>(10).fill(401), 429]);
        const account = await setUpAccount(t, { venue });
        assert.equal((await postForm(t, '/staff/login', { email: account.email, password: 'not it at all' })).statusCode, 401);

        const rows = await db.selectFrom('activity_log').selectAll().execute();
        assert.ok(!JSON.stringify(rows).includes(secret), 'the typed text is nowhere in the activity log');
        assert.ok(!JSON.stringify(rows).toLowerCase().includes(secret.toLowerCase()), 'nor in lower case');
        assert.ok(lines.length >= 12, 'the requests were logged');
        assert.ok(!JSON.stringify(lines).toLowerCase().includes(secret.toLowerCase()), 'nor in the logs');
        const unknown = rows.filter((row) => row.actor_id === null && ['auth.login_failed', 'auth.throttled'].includes(row.action));
        assert.equal(unknown.length, 11);
        for (const row of unknown) {
          assert.equal(row.target, null);
          assert.deepEqual(JSON.parse(row.detail), { account: 'unknown' });
        }
        const known = rows.filter((row) => row.action === 'auth.login_failed' && row.actor_id === account.member.id);
        assert.equal(known.length, 1, 'a known account’s failure is recorded against its id');
        assert.equal(known[0]!.target, account.email);
      } finally {
        await t.close();
      }
    });
  });

  describe(`throttling fails closed (${dialect.name})`, () => {
    test('when the throttle cannot be consulted, nobody signs in, even with the right password and code', async () => {
      const t = await buildTestApp(dialect);
      try {
        await makeActivity(t.database.db, t.clock);
        const venue = (await t.database.db.selectFrom('venues').select('slug').executeTakeFirstOrThrow()).slug;
        const account = await setUpAccount(t, { venue });
        const pending = sessionCookieOf(await postForm(t, '/staff/login', { email: account.email, password: account.password }))!;
        await t.database.db.schema.dropTable('throttles').execute();
        const password = await postForm(t, '/staff/login', { email: account.email, password: account.password });
        assert.equal(password.statusCode, 500);
        assert.equal(sessionCookieOf(password), undefined);
        t.clock.advance(30_000);
        const code = await postForm(t, '/staff/login/code', { code: codeAt(t, account.secret) }, pending);
        assert.equal(code.statusCode, 500);
        assert.equal(sessionCookieOf(code), undefined);
        assert.doesNotMatch(code.body, /throttles|at \//, 'no internals in the answer');
      } finally {
        await t.close();
      }
    });
  });
}
