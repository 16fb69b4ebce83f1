import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, TEST_PUBLIC_URL, type TestApp } from '../../../test/app.js';
import { testDialects } from '../../../test/databases.js';
import { formFields, parseHtml } from '../../../test/html.js';
import { adminGet, adminPost, codeAt, type Member, postForm, signIn, signInMember } from '../../../test/staff.js';
import { makeTwoVenues, signInMembers } from '../../../test/venues.js';
import type { Venue } from '../../core/catalog/activity.js';
import { hashToken } from '../../core/shared/ids.js';
import { changeStaffRole, setStaffDisabled } from '../../core/staff/staff-admin.service.js';
import { toStaffMember } from '../../core/staff/staff.repository.js';
import type { StaffMember } from '../../core/staff/staff.js';
import { SESSION_COOKIE } from './session-cookie.js';

/** Every staff route, for a member id: the page and each action. */
function staffRoutes(id: string): { method: 'GET' | 'POST'; url: string; fields?: Record<string, string> }[] {
  return [
    { method: 'GET', url: `/admin/staff/${id}` },
    { method: 'POST', url: `/admin/staff/${id}/role`, fields: { role: 'viewer', venue: '' } },
    { method: 'POST', url: `/admin/staff/${id}/disable` },
    { method: 'POST', url: `/admin/staff/${id}/enable` },
    { method: 'POST', url: `/admin/staff/${id}/setup-link` },
    { method: 'POST', url: `/admin/staff/${id}/sessions/end` },
  ];
}

for (const dialect of testDialects()) {
  describe(`staff management (${dialect.name})`, () => {
    let t: TestApp;
    let venueA: Venue;
    let venueB: Venue;
    let admin: Member;
    let managerA: Member;
    let managerB: Member;

    const db = () => t.database.db;
    const staffRow = (id: string) => db().selectFrom('staff').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const staffByEmail = (email: string) => db().selectFrom('staff').selectAll().where('email', '=', email).executeTakeFirst();
    const sessionCount = async (id: string) =>
      (await db().selectFrom('staff_sessions').select('token_hash').where('staff_id', '=', id).execute()).length;
    const auditOf = (action: string, target: string) =>
      db().selectFrom('audit_log').selectAll().where('action', '=', action).where('target', '=', target).execute();

    before(async () => {
      t = await buildTestApp(dialect);
      const venues = await makeTwoVenues(t);
      venueA = venues.home.venue;
      venueB = venues.away.venue;
      ({ admin, manager: managerA, otherManager: managerB } = await signInMembers(t, venues, ['admin', 'manager', 'otherManager']));
    });
    after(() => t.close());

    test('an admin adds a manager for venue A and gets a one-time setup link that works', async () => {
      const list = await adminGet(t, admin, '/admin/staff');
      assert.equal(list.statusCode, 200);
      const form = parseHtml(list.body).querySelector('form[data-testid="add-staff"]')!;
      assert.deepEqual(
        form.querySelectorAll('#role option').map((o) => o.getAttribute('value')),
        ['', 'admin', 'manager', 'staff', 'viewer'],
      );
      assert.ok(form.querySelector(`#venue option[value="${venueB.slug}"]`), 'an admin chooses among all venues');

      const added = await adminPost(t, admin, '/admin/staff', {
        email: ' Marit@Venue-A.test ',
        name: 'Marit Bakker',
        role: 'manager',
        venue: venueA.slug,
      });
      assert.equal(added.statusCode, 200);
      assert.equal(added.headers['cache-control'], 'no-store');
      const page = parseHtml(added.body);
      const link = page.querySelector('[data-testid="setup-link"]')!.getAttribute('value')!;
      const prefix = `${TEST_PUBLIC_URL}/staff/setup/`;
      assert.ok(link.startsWith(prefix), link);
      assert.match(page.textContent, /maar één keer/);
      const token = link.slice(prefix.length);

      const row = (await staffByEmail('marit@venue-a.test'))!;
      assert.equal(row.role, 'manager');
      assert.equal(row.venue_id, venueA.id);
      assert.equal(row.setup_token_hash, hashToken(token), 'only the hash of the link is stored');
      assert.equal(row.setup_expires_at, new Date(t.clock.now().getTime() + 24 * 3600_000).toISOString());
      const [entry] = await auditOf('staff.added', 'marit@venue-a.test');
      assert.equal(entry?.actor_id, admin.member.id);
      assert.equal(entry?.venue_id, venueA.id);
      assert.ok(!JSON.stringify(entry).includes(token), 'the link is not in the audit log');

      // The person follows the link: password, then the authenticator app.
      const password = 'een lange zin over kano’s';
      const set = await postForm(t, `/staff/setup/${token}`, { password, password_repeat: password });
      assert.equal(set.statusCode, 303);
      const enrol = await t.app.inject({ url: `/staff/setup/${token}/two-factor` });
      const secret = parseHtml(enrol.body).querySelector('[data-testid="totp-secret"]')!.textContent.replace(/\s/g, '');
      const done = await postForm(t, `/staff/setup/${token}/two-factor`, { code: codeAt(t, secret) });
      assert.equal(done.statusCode, 200);
      const marit = await signIn(t, { member: toStaffMember(row), email: row.email, password, secret, recoveryCodes: [] });
      assert.equal((await adminGet(t, marit, '/admin/staff')).statusCode, 200, 'the new manager manages staff');

      const listed = parseHtml((await adminGet(t, admin, '/admin/staff')).body).querySelector(`tr[data-staff-id="${row.id}"]`)!;
      assert.match(listed.textContent, /Marit Bakker/);
      assert.equal(listed.querySelector('[data-testid="staff-state"]')!.textContent, 'actief');
      assert.equal(listed.querySelector('[data-testid="staff-sessions"]')!.textContent, '1');
    });

    test('bad input is refused with the input kept and a translated message', async () => {
      const cases: { fields: Record<string, string>; status: number; field: string; message: RegExp }[] = [
        {
          fields: { email: 'not-an-email', name: 'Kees', role: 'staff', venue: venueA.slug },
          status: 422,
          field: 'email',
          message: /geldig e-mailadres/,
        },
        {
          fields: { email: admin.email, name: 'Kees', role: 'staff', venue: venueA.slug },
          status: 409,
          field: 'email',
          message: /bestaat al/,
        },
        { fields: { email: 'kees@venue.test', name: '', role: 'staff', venue: venueA.slug }, status: 422, field: 'name', message: /naam/ },
        { fields: { email: 'kees@venue.test', name: 'Kees', role: 'staff', venue: '' }, status: 422, field: 'venue', message: /locatie/ },
        // "Admin of this venue" is a manager: a platform admin with a venue is refused, not silently made platform-wide.
        {
          fields: { email: 'kees@venue.test', name: 'Kees', role: 'admin', venue: venueA.slug },
          status: 422,
          field: 'venue',
          message: /hoort bij geen locatie/,
        },
        {
          fields: { email: 'kees@venue.test', name: 'Kees', role: 'staff', venue: 'no-such-venue' },
          status: 422,
          field: 'venue',
          message: /locatie/,
        },
        {
          fields: { email: 'kees@venue.test', name: 'Kees', role: 'owner', venue: venueA.slug },
          status: 422,
          field: 'role',
          message: /rollen/,
        },
      ];
      for (const { fields, status, field, message } of cases) {
        const response = await adminPost(t, admin, '/admin/staff', fields);
        assert.equal(response.statusCode, status, JSON.stringify(fields));
        const page = parseHtml(response.body);
        assert.match(page.querySelector(`[data-testid="error-${field}"]`)!.textContent, message);
        const kept = formFields(page.querySelector('form[data-testid="add-staff"]')!);
        assert.equal(kept.email, fields.email);
        assert.equal(kept.name, fields.name);
        assert.equal(
          page.querySelector('#venue option[selected]')?.getAttribute('value') ?? '',
          fields.venue === 'no-such-venue' ? '' : fields.venue,
        );
      }
      assert.equal(await staffByEmail('kees@venue.test'), undefined, 'nothing was created');

      const english = await t.app.inject({
        method: 'POST',
        url: '/admin/staff',
        headers: {
          origin: TEST_PUBLIC_URL,
          'content-type': 'application/x-www-form-urlencoded',
          cookie: `lang=en; ${SESSION_COOKIE}=${admin.cookie}`,
        },
        payload: new URLSearchParams({ _csrf: admin.csrf, email: 'x', name: 'X', role: 'staff', venue: venueA.slug }).toString(),
      });
      assert.equal(english.statusCode, 422);
      assert.match(parseHtml(english.body).querySelector('[data-testid="error-email"]')!.textContent, /valid email address/);
    });

    test('the required role select starts with an empty placeholder (valid HTML); left on it, the role is a field error', async () => {
      const list = parseHtml((await adminGet(t, admin, '/admin/staff')).body);
      const detail = parseHtml((await adminGet(t, admin, `/admin/staff/${managerB.member.id}`)).body);
      for (const select of [
        list.querySelector('form[data-testid="add-staff"] #role')!,
        detail.querySelector('form[data-testid="change-role"] #role')!,
      ]) {
        assert.ok(select.hasAttribute('required'));
        // The Nu checker: the first option of a required single select has an empty value (or no text).
        const first = select.querySelector('option')!;
        assert.equal(first.getAttribute('value'), '');
        assert.equal(first.hasAttribute('selected'), false, 'a role is chosen: the placeholder is not selected');
        assert.equal(select.querySelectorAll('option[selected]').length, 1);
      }
      const refused = await adminPost(t, admin, '/admin/staff', {
        email: 'nieuw@venue-a.test',
        name: 'Nieuw Lid',
        role: '',
        venue: venueA.slug,
      });
      assert.equal(refused.statusCode, 422);
      const page = parseHtml(refused.body);
      const role = page.querySelector('#role')!;
      assert.equal(role.getAttribute('aria-invalid'), 'true');
      assert.ok(role.getAttribute('aria-describedby')?.split(' ').includes('role-error'));
      assert.equal(role.querySelector('option[selected]')?.getAttribute('value'), '', 'the placeholder stays chosen');
      assert.equal(formFields(page.querySelector('form[data-testid="add-staff"]')!).name, 'Nieuw Lid');
      assert.equal(await staffByEmail('nieuw@venue-a.test'), undefined);
    });

    test('a manager adds staff only for their own venue, whatever the form says, and never an admin', async () => {
      const page = parseHtml((await adminGet(t, managerA, '/admin/staff')).body);
      assert.deepEqual(
        page.querySelectorAll('#role option').map((o) => o.getAttribute('value')),
        ['', 'manager', 'staff', 'viewer'],
      );
      assert.equal(page.querySelector('#venue'), null, 'no venue choice for a manager');

      const added = await adminPost(t, managerA, '/admin/staff', {
        email: 'joost@venue.test',
        name: 'Joost',
        role: 'staff',
        venue: venueB.slug,
      });
      assert.equal(added.statusCode, 200);
      assert.equal((await staffByEmail('joost@venue.test'))?.venue_id, venueA.id);

      const asAdmin = await adminPost(t, managerA, '/admin/staff', {
        email: 'eva@venue.test',
        name: 'Eva',
        role: 'admin',
        venue: '',
      });
      assert.equal(asAdmin.statusCode, 422);
      assert.ok(parseHtml(asAdmin.body).querySelector('[data-testid="error-role"]'));
      assert.equal(await staffByEmail('eva@venue.test'), undefined);

      const list = parseHtml((await adminGet(t, managerA, '/admin/staff')).body).querySelector('[data-testid="staff-list"]')!;
      assert.match(list.textContent, /joost@venue\.test/);
      assert.ok(!list.textContent.includes(managerB.email), "another venue's members are not listed");
      assert.ok(!list.textContent.includes(admin.email), 'admins are not listed for a manager');
      assert.equal(list.querySelectorAll('th').filter((th) => th.textContent === 'Locatie').length, 0, 'no venue column for a manager');
      assert.ok(
        !(await adminGet(t, managerB, '/admin/staff')).body.includes('joost@venue.test'),
        "venue B's manager does not see venue A's",
      );
      const forAdmin = (await adminGet(t, admin, '/admin/staff')).body;
      assert.ok(forAdmin.includes(managerB.email) && forAdmin.includes('joost@venue.test'), 'an admin sees every venue');
    });

    test('staff and viewers are refused every staff route and the audit log', async () => {
      const target = managerA.member.id;
      for (const role of ['staff', 'viewer'] as const) {
        const session = await signInMember(t, role, venueA);
        const before = await staffRow(target);
        assert.equal((await adminGet(t, session, '/admin/staff')).statusCode, 403, `${role} GET /admin/staff`);
        assert.equal((await adminGet(t, session, '/admin/audit')).statusCode, 403, `${role} GET /admin/audit`);
        const add = await adminPost(t, session, '/admin/staff', {
          email: `by-${role}@venue.test`,
          name: 'X',
          role: 'viewer',
          venue: venueA.slug,
        });
        assert.equal(add.statusCode, 403, `${role} POST /admin/staff`);
        assert.equal(await staffByEmail(`by-${role}@venue.test`), undefined);
        for (const route of staffRoutes(target)) {
          const response =
            route.method === 'GET' ? await adminGet(t, session, route.url) : await adminPost(t, session, route.url, route.fields);
          assert.equal(response.statusCode, 403, `${role} ${route.method} ${route.url}`);
        }
        assert.deepEqual(await staffRow(target), before, 'nothing changed');
        const nav = parseHtml((await adminGet(t, session, '/admin/account')).body).querySelector('nav.admin-nav')!;
        assert.equal(nav.querySelector('a[href="/admin/staff"]'), null, 'no link to staff management');
      }
    });

    test("a manager gets 404 for another venue's member and for an admin, on every route, and nothing changes", async () => {
      const staffB = await signInMember(t, 'staff', venueB);
      for (const target of [staffB, managerB, admin]) {
        const before = await staffRow(target.member.id);
        const sessionsBefore = await sessionCount(target.member.id);
        for (const route of staffRoutes(target.member.id)) {
          const response =
            route.method === 'GET' ? await adminGet(t, managerA, route.url) : await adminPost(t, managerA, route.url, route.fields);
          assert.equal(response.statusCode, 404, `${route.method} ${route.url} for ${target.email}`);
          assert.ok(!response.body.includes(target.email), 'nothing about the member leaks');
        }
        assert.deepEqual(await staffRow(target.member.id), before, 'the member is unchanged');
        assert.equal(await sessionCount(target.member.id), sessionsBefore, 'their sessions are untouched');
      }
      assert.equal((await auditOf('staff.role_changed', staffB.email)).length, 0);
      assert.equal((await adminGet(t, managerA, '/admin/staff/no-such-id')).statusCode, 404);
      assert.equal((await adminGet(t, managerA, '/admin/staff/%00%27')).statusCode, 404);
    });

    test('disabling ends all sessions at once and is audited; the member is sent to sign-in; enabling lets them back', async () => {
      const account = await signInMember(t, 'staff', venueA);
      const second = await signIn(t, account);
      assert.equal(await sessionCount(account.member.id), 2);
      const detail = parseHtml((await adminGet(t, managerA, `/admin/staff/${account.member.id}`)).body);
      assert.equal(detail.querySelectorAll('[data-testid="sessions"] tbody tr').length, 2);

      const disabled = await adminPost(t, managerA, `/admin/staff/${account.member.id}/disable`);
      assert.equal(disabled.statusCode, 303);
      assert.equal(disabled.headers.location, `/admin/staff/${account.member.id}?done=disabled`);
      assert.equal(await sessionCount(account.member.id), 0);
      assert.notEqual((await staffRow(account.member.id)).disabled_at, null);
      for (const s of [account, second]) {
        const next = await adminGet(t, s, '/admin/account');
        assert.equal(next.statusCode, 303);
        assert.match(String(next.headers.location), /^\/staff\/login/);
      }
      const [entry] = await auditOf('staff.disabled', account.email);
      assert.equal(entry?.actor_id, managerA.member.id);
      assert.equal(entry?.venue_id, venueA.id);
      assert.deepEqual(JSON.parse(entry!.detail), { sessions_ended: 2 });
      const after = parseHtml((await adminGet(t, managerA, disabled.headers.location as string)).body);
      assert.equal(after.querySelector('[data-testid="staff-state"]')!.textContent, 'geblokkeerd');
      assert.match(after.querySelector('[data-testid="notice"]')!.textContent, /geblokkeerd/);

      await assert.rejects(signIn(t, account), /password step: 401/, 'a disabled account cannot sign in');
      assert.equal((await adminPost(t, managerA, `/admin/staff/${account.member.id}/setup-link`)).statusCode, 409);

      assert.equal((await adminPost(t, managerA, `/admin/staff/${account.member.id}/enable`)).statusCode, 303);
      assert.equal((await staffRow(account.member.id)).disabled_at, null);
      assert.equal((await auditOf('staff.enabled', account.email)).length, 1);
      await signIn(t, account);
    });

    test('role changes stay within the assignable roles, never one’s own, and are audited', async () => {
      const account = await signInMember(t, 'staff', venueA);
      const url = `/admin/staff/${account.member.id}/role`;

      const toAdmin = await adminPost(t, managerA, url, { role: 'admin', venue: '' });
      assert.equal(toAdmin.statusCode, 422);
      assert.match(parseHtml(toAdmin.body).querySelector('[data-testid="form-errors"]')!.textContent, /rollen in de lijst/);
      assert.equal((await staffRow(account.member.id)).role, 'staff');

      const toViewer = await adminPost(t, managerA, url, { role: 'viewer', venue: venueB.slug });
      assert.equal(toViewer.statusCode, 303);
      const row = await staffRow(account.member.id);
      assert.equal(row.role, 'viewer');
      assert.equal(row.venue_id, venueA.id, "a manager's member stays in the manager's venue");
      const [entry] = await auditOf('staff.role_changed', account.email);
      assert.deepEqual(JSON.parse(entry!.detail), { from: 'staff', to: 'viewer' });
      assert.equal(entry?.actor_id, managerA.member.id);

      // An admin moves the member to venue B as a manager.
      const moved = await adminPost(t, admin, url, { role: 'manager', venue: venueB.slug });
      assert.equal(moved.statusCode, 303);
      assert.equal((await staffRow(account.member.id)).venue_id, venueB.id);
      assert.equal((await adminGet(t, managerA, `/admin/staff/${account.member.id}`)).statusCode, 404, 'gone from venue A');

      for (const self of [managerA, admin]) {
        const before = await staffRow(self.member.id);
        for (const route of staffRoutes(self.member.id).filter((r) => r.method === 'POST')) {
          const response = await adminPost(t, self, route.url, { role: 'staff', venue: venueA.slug });
          assert.equal(response.statusCode, 409, `${self.email} ${route.url}`);
        }
        assert.deepEqual(await staffRow(self.member.id), before, 'nobody changes their own account here');
        const own = parseHtml((await adminGet(t, self, `/admin/staff/${self.member.id}`)).body);
        assert.equal(own.querySelector('form[data-testid="change-role"]'), null);
      }
    });

    test('an admin re-issues a setup link: password, second factor and sessions stop working; the new link is shown once', async () => {
      const account = await signInMember(t, 'manager', venueB);
      const reissued = await adminPost(t, admin, `/admin/staff/${account.member.id}/setup-link`);
      assert.equal(reissued.statusCode, 200);
      const link = parseHtml(reissued.body).querySelector('[data-testid="setup-link"]')!.getAttribute('value')!;
      const token = link.slice(`${TEST_PUBLIC_URL}/staff/setup/`.length);
      const row = await staffRow(account.member.id);
      assert.equal(row.setup_token_hash, hashToken(token));
      assert.equal(row.password_hash, null);
      assert.equal(row.totp_secret, null);
      assert.equal(await sessionCount(account.member.id), 0);
      assert.equal((await adminGet(t, account, '/admin/account')).statusCode, 303);
      assert.equal((await auditOf('staff.setup_link_issued', account.email)).length, 1);
      assert.equal((await t.app.inject({ url: `/staff/setup/${token}` })).statusCode, 200, 'the new link opens');
      const state = parseHtml((await adminGet(t, admin, `/admin/staff/${account.member.id}`)).body);
      assert.equal(state.querySelector('[data-testid="staff-state"]')!.textContent, 'wacht op activering');
      assert.ok(!state.toString().includes(token), 'the detail page does not show the link again');
    });

    test("an admin ends anyone's sessions; a manager those of their venue's members", async () => {
      const staffA = await signInMember(t, 'staff', venueA);
      const staffB = await signInMember(t, 'viewer', venueB);
      assert.equal((await adminPost(t, admin, `/admin/staff/${staffB.member.id}/sessions/end`)).statusCode, 303);
      assert.equal(await sessionCount(staffB.member.id), 0);
      const [entry] = await auditOf('staff.sessions_ended', staffB.email);
      assert.equal(entry?.actor_id, admin.member.id);
      assert.deepEqual(JSON.parse(entry!.detail), { ended: 1 });

      assert.equal((await adminPost(t, managerA, `/admin/staff/${staffA.member.id}/sessions/end`)).statusCode, 303);
      assert.equal(await sessionCount(staffA.member.id), 0);
      assert.equal((await staffRow(staffA.member.id)).disabled_at, null, 'ending sessions does not disable');
    });

    test('the last active admin can be neither disabled nor demoted', async () => {
      // An operator acting outside any session (as the CLI does) meets the same rule.
      const operator: StaffMember = {
        id: 'operator',
        email: 'ops@groupz.test',
        name: 'Ops',
        role: 'admin',
        venueId: null,
        active: true,
        disabled: false,
        createdAt: t.clock.now().toISOString(),
      };
      await assert.rejects(setStaffDisabled(db(), t.clock, operator, admin.member.id, true, null), { code: 'last_admin' });
      await assert.rejects(changeStaffRole(db(), t.clock, operator, admin.member.id, { role: 'manager', venue: venueA.slug }, null), {
        code: 'last_admin',
      });
      assert.equal((await staffRow(admin.member.id)).role, 'admin');
      assert.equal((await staffRow(admin.member.id)).disabled_at, null);

      // Two admins demoting each other at the same moment: one of them stays admin.
      const second = await signInMember(t, 'admin');
      const [one, two] = await Promise.all([
        adminPost(t, admin, `/admin/staff/${second.member.id}/role`, { role: 'manager', venue: venueA.slug }),
        adminPost(t, second, `/admin/staff/${admin.member.id}/role`, { role: 'manager', venue: venueA.slug }),
      ]);
      const statuses = [one.statusCode, two.statusCode].sort();
      assert.equal(statuses[0], 303);
      assert.ok([404, 409].includes(statuses[1]!), String(statuses));
      const admins = await db().selectFrom('staff').select('id').where('role', '=', 'admin').where('disabled_at', 'is', null).execute();
      assert.equal(admins.length, 1);
    });
  });
}
