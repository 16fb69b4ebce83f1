import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { groupz } from '../../groupz.js';
import { startServer } from '../../server-process.js';
import { hashToken } from '../../../src/core/shared/ids.js';
import { connectDatabase } from '../../../src/db/connect.js';

describe('the groupz command', () => {
  test('--help lists every command, and each command has its own --help', async () => {
    const help = await groupz(['--help']);
    assert.equal(help.code, 0);
    for (const command of ['serve', 'migrate', 'demo', 'staff add']) {
      assert.match(help.stdout, new RegExp(`^  ${command} `, 'm'));
      const own = await groupz([command, '--help']);
      assert.equal(own.code, 0);
      assert.match(own.stdout, new RegExp(`^Usage: groupz ${command}`));
    }
  });

  test("serve --help says the sweep deletes the booking limits' decayed counters too", async () => {
    const help = (await groupz(['serve', '--help'])).stdout.replace(/\s+/g, ' ');
    assert.match(help, /deletes expired back-office sessions and the decayed counters of the sign-in throttle and of the booking limits/);
  });

  test('deploy nftables prints the firewall for the allowlist, and refuses a bad address with the usage', async () => {
    const printed = await groupz(['deploy', 'nftables', '--ssh-allow', '203.0.113.7,2001:db8::1', '--ssh-allow', '198.51.100.0/24']);
    assert.equal(printed.code, 0, printed.stderr);
    assert.match(printed.stdout, /elements = \{ 203\.0\.113\.7, 198\.51\.100\.0\/24 \}/);
    assert.match(printed.stdout, /elements = \{ 2001:db8::1 \}/);
    assert.match(printed.stdout, /tcp dport \{ 80, 443 \} accept/);
    assert.match(printed.stdout, /add @web_connections_v4 \{ ip saddr ct count over 256 \} reject with tcp reset/);
    const limited = await groupz(['deploy', 'nftables', '--ssh-allow', '203.0.113.7', '--max-connections', '40']);
    assert.match(
      limited.stdout,
      /add @web_connections_v6 \{ ip6 saddr and ffff:ffff:ffff:ffff:: ct count over 40 \} reject with tcp reset/,
    );
    for (const bad of [
      ['--ssh-allow', 'bastion.example.nl'],
      [],
      ['--ssh-allow', '0.0.0.0/0'],
      ['--ssh-allow', '203.0.113.7', '--max-connections', '0'],
      ['--ssh-allow', '203.0.113.7', '--max-connections', 'many'],
    ]) {
      const refused = await groupz(['deploy', 'nftables', ...bad]);
      assert.equal(refused.code, 2, bad.join(' '));
      assert.equal(refused.stdout, '', 'no half ruleset to pipe into nft');
      assert.match(refused.stderr, /^groupz deploy nftables: .+\n\nUsage: groupz deploy nftables/);
    }
  });

  test('a command group lists its commands', async () => {
    const group = await groupz(['staff', '--help']);
    assert.equal(group.code, 0);
    assert.match(group.stdout, /^  staff add /m);
    assert.doesNotMatch(group.stdout, /^  serve /m);
    assert.equal((await groupz(['staff', 'remove'])).code, 2);
  });

  test('unknown commands and arguments exit 2 with the usage', async () => {
    assert.equal((await groupz(['launch'])).code, 2);
    const extra = await groupz(['migrate', '--now']);
    assert.equal(extra.code, 2);
    assert.match(extra.stderr, /unexpected argument '--now'/);
  });

  test('migrate and demo create a working catalogue once; a second demo adds nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'groupz-cli-'));
    const env = { GROUPZ_DATA_DIR: dir, GROUPZ_DATABASE_URL: '' };
    assert.equal((await groupz(['migrate'], env)).code, 0);
    const first = await groupz(['demo'], env);
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, /demo catalogue loaded/);
    assert.match((await groupz(['demo'], env)).stdout, /already has venues/);
    const database = connectDatabase({ sqliteFile: join(dir, 'groupz.sqlite') });
    const activities = await database.db.selectFrom('activities').select(['title_nl', 'title_en']).execute();
    const slots = await database.db.selectFrom('slots').select('id').execute();
    const venues = await database.db.selectFrom('venues').select(['contact_email', 'contact_phone']).execute();
    const photos = await database.db.selectFrom('photos').select(['kind', 'alt_nl', 'alt_en']).execute();
    const formats = await database.db.selectFrom('photo_variants').select('format').distinct().orderBy('format').execute();
    const resources = await database.db.selectFrom('resources').select('name').orderBy('name').execute();
    const parts = await database.db.selectFrom('programme_parts').select('activity_id').execute();
    await database.close();
    assert.deepEqual(photos.map((p) => p.kind).sort(), [
      'activity',
      'activity',
      'activity',
      'activity',
      'activity',
      'activity',
      'activity',
      'activity',
      'logo',
      'logo',
      'logo',
    ]);
    assert.ok(
      photos.every((p) => p.alt_nl && p.alt_en && p.alt_nl !== p.alt_en),
      'every demo photo is described in both languages',
    );
    assert.deepEqual(
      formats.map((f) => f.format),
      ['avif', 'webp'],
    );
    assert.equal(activities.length, 8);
    assert.equal(venues.length, 3);
    assert.deepEqual(
      resources.map((r) => r.name),
      ['Boulderzaal', 'Havenrestaurant', 'Klimwand', 'Sloep De Zwaan', 'Touwenparcours'],
    );
    assert.equal(parts.length, 6, 'a programme of two parts, and one of four');
    assert.equal(new Set(parts.map((p) => p.activity_id)).size, 2);
    for (const venue of venues) {
      assert.match(venue.contact_email ?? '', /^[a-z]+@[a-z-]+\.example\.nl$/, 'every demo venue has a fictitious contact address');
      assert.match(venue.contact_phone ?? '', /^0\d{2} 555 \d{4}$/);
    }
    assert.ok(activities.every((a) => a.title_nl && a.title_en && a.title_nl !== a.title_en));
    assert.ok(slots.length > 100, `${slots.length} slots`);
  });

  test('serve in demo mode adds the demo photos that an interrupted start left out', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'groupz-cli-'));
    const env = { GROUPZ_DATA_DIR: dir, GROUPZ_DATABASE_URL: '' };
    assert.equal((await groupz(['demo'], env)).code, 0);
    const database = connectDatabase({ sqliteFile: join(dir, 'groupz.sqlite') });
    const photos = async () => (await database.db.selectFrom('photos').select('kind').execute()).map((p) => p.kind).sort();
    try {
      const activityPhotos = database.db.selectFrom('photos').select('id').where('kind', '=', 'activity');
      await database.db.deleteFrom('photo_variants').where('photo_id', 'in', activityPhotos).execute();
      await database.db.deleteFrom('photos').where('kind', '=', 'activity').execute();
      assert.deepEqual(await photos(), ['logo', 'logo', 'logo'], 'the catalogue is there, its activity photos not');
      const server = await startServer({ ...env, GROUPZ_DEMO: 'auto' });
      try {
        const deadline = Date.now() + 60_000;
        while ((await photos()).length < 9 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 250));
      } finally {
        await server.stop();
      }
      assert.deepEqual(await photos(), [...Array<string>(6).fill('activity'), 'logo', 'logo', 'logo']);
    } finally {
      await database.close();
    }
  });

  test('venue add makes a venue that staff add can then give a manager; a taken slug or a missing field is refused', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'groupz-cli-'));
    const env = { GROUPZ_DATA_DIR: dir, GROUPZ_DATABASE_URL: '', GROUPZ_DEMO: 'off' };
    const contact = ['--contact-email', 'groepen@rederij-amstel.example.nl', '--contact-phone', '020 555 0101'];
    const added = await groupz(
      ['venue', 'add', '--slug', 'rederij-amstel', '--name', 'Rederij Amstel', '--city', 'Amsterdam', ...contact],
      env,
    );
    assert.equal(added.code, 0, added.stderr);
    assert.match(added.stdout, /^Venue Rederij Amstel \(Amsterdam\) added as rederij-amstel\./);
    const database = connectDatabase({ sqliteFile: join(dir, 'groupz.sqlite') });
    try {
      const row = await database.db.selectFrom('venues').select(['contact_email', 'contact_phone']).executeTakeFirstOrThrow();
      assert.deepEqual(row, { contact_email: 'groepen@rederij-amstel.example.nl', contact_phone: '020 555 0101' });
    } finally {
      await database.close();
    }
    const badContact = await groupz(
      ['venue', 'add', '--slug', 'klimhal', '--name', 'Klimhal', '--city', 'Utrecht', '--contact-email', 'geen-adres'],
      env,
    );
    assert.equal(badContact.code, 2);
    assert.match(badContact.stderr, /^groupz venue add: --contact-email missing or not valid/);
    const manager = await groupz(
      ['staff', 'add', '--email', 'kapitein@amstel.nl', '--name', 'Kapitein', '--role', 'manager', '--venue', 'rederij-amstel'],
      env,
    );
    assert.equal(manager.code, 0, manager.stderr);
    const again = await groupz(['venue', 'add', '--slug', 'rederij-amstel', '--name', 'Ander', '--city', 'Utrecht'], env);
    assert.equal(again.code, 1);
    assert.match(again.stderr, /a venue with the slug rederij-amstel exists already/);
    const missing = await groupz(['venue', 'add', '--slug', 'Geen Slug!', '--name', 'X'], env);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /^groupz venue add: --slug, --city missing or not valid/);
    const unknown = await groupz(['venue', 'add', '--owner', 'x'], env);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /^groupz venue add: Unknown option '--owner'\n\nUsage: groupz venue add/);
  });

  test('staff add creates an account without password and prints a one-time setup link; no default account exists', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'groupz-cli-'));
    const env = { GROUPZ_DATA_DIR: dir, GROUPZ_DATABASE_URL: '', GROUPZ_DEMO: 'off' };
    assert.equal((await groupz(['demo'], env)).code, 0);
    const database = connectDatabase({ sqliteFile: join(dir, 'groupz.sqlite') });
    try {
      assert.equal((await database.db.selectFrom('staff').select('id').execute()).length, 0, 'no default account');
      const added = await groupz(['staff', 'add', '--email', 'Beheer@Groupz.test', '--name', 'Beheer', '--role', 'admin'], env);
      assert.equal(added.code, 0, added.stderr);
      const link = /http:\/\/127\.0\.0\.1:3000\/staff\/setup\/([A-Za-z0-9_-]{43})$/m.exec(added.stdout);
      assert.ok(link, added.stdout);
      const row = await database.db.selectFrom('staff').selectAll().where('email', '=', 'beheer@groupz.test').executeTakeFirstOrThrow();
      assert.equal(row.role, 'admin');
      assert.equal(row.password_hash, null);
      assert.equal(row.setup_token_hash, hashToken(link[1]!));
      assert.ok(Date.parse(row.setup_expires_at!) - Date.parse(row.created_at) === 24 * 3600_000);

      const manager = await groupz(
        ['staff', 'add', '--email', 'm@groupz.test', '--name', 'M', '--role', 'manager', '--venue', 'klimhal-de-wand'],
        env,
      );
      assert.equal(manager.code, 0, manager.stderr);
      // The link is built from the configured public URL, port included (also one PORT only makes).
      const onPort = await groupz(['staff', 'add', '--email', 'p@groupz.test', '--name', 'P', '--role', 'admin'], {
        ...env,
        GROUPZ_PUBLIC_URL: 'http://groupz.test:8443',
      });
      assert.match(onPort.stdout, /^http:\/\/groupz\.test:8443\/staff\/setup\/[A-Za-z0-9_-]{43}$/m, onPort.stderr);
      const byPort = await groupz(['staff', 'add', '--email', 'q@groupz.test', '--name', 'Q', '--role', 'admin'], { ...env, PORT: '8123' });
      assert.match(byPort.stdout, /^http:\/\/127\.0\.0\.1:8123\/staff\/setup\/[A-Za-z0-9_-]{43}$/m, byPort.stderr);
      assert.equal(
        (await groupz(['staff', 'add', '--email', 'beheer@groupz.test', '--name', 'B', '--role', 'admin'], env)).code,
        1,
        'taken',
      );
      assert.match(
        (await groupz(['staff', 'add', '--email', 'x@groupz.test', '--name', 'X', '--role', 'staff'], env)).stderr,
        /need --venue/,
      );
      assert.match(
        (await groupz(['staff', 'add', '--email', 'x@groupz.test', '--name', 'X', '--role', 'staff', '--venue', 'nowhere'], env)).stderr,
        /no venue/,
      );
      assert.equal((await groupz(['staff', 'add', '--email', 'x@groupz.test', '--name', 'X', '--role', 'boss'], env)).code, 2);
      assert.equal((await groupz(['staff', 'add', '--mail', 'x@groupz.test'], env)).code, 2);
    } finally {
      await database.close();
    }
  });

  test('a bad configuration or an unreachable database exits 1 with every problem named', async () => {
    const bad = await groupz(['migrate'], { PORT: 'x', GROUPZ_DEMO: 'maybe' });
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /PORT: must be a port number/);
    assert.match(bad.stderr, /GROUPZ_DEMO: must be auto or off/);
    const unreachable = await groupz(['migrate'], { GROUPZ_DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' });
    assert.equal(unreachable.code, 1);
    assert.match(unreachable.stderr, /^groupz: /);
  });
});
