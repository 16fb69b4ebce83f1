import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { ConfigError, loadConfig, SETTINGS } from './config.js';

describe('configuration', () => {
  test('defaults: SQLite under ./data on 127.0.0.1:3000', () => {
    const config = loadConfig({});
    assert.equal(config.port, 3000);
    assert.equal(config.host, '127.0.0.1');
    assert.equal(config.databaseUrl, undefined);
    assert.equal(config.sqliteFile, join(process.cwd(), 'data', 'groupz.sqlite'));
    assert.equal(config.publicUrl, 'http://127.0.0.1:3000');
    assert.equal(config.demo, 'auto');
  });

  test('environment variables win over the config file', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'groupz-config-')), 'groupz.env');
    writeFileSync(file, 'PORT=4000\nGROUPZ_DATABASE_URL=postgres://db.internal/groupz\nGROUPZ_DEMO=off\n');
    const config = loadConfig({ GROUPZ_CONFIG_FILE: file, PORT: '5000' });
    assert.deepEqual(
      [config.port, config.databaseUrl, config.demo, config.publicUrl],
      [5000, 'postgres://db.internal/groupz', 'off', 'http://127.0.0.1:5000'],
    );
  });

  test('every problem is reported at once', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'groupz-config-')), 'groupz.env');
    writeFileSync(file, 'GROUPZ_TYPO=1\n');
    try {
      loadConfig({
        GROUPZ_CONFIG_FILE: file,
        PORT: 'eighty',
        GROUPZ_DATABASE_URL: 'mysql://x',
        GROUPZ_DEMO: 'yes',
        GROUPZ_PUBLIC_URL: 'bookings.groupz.now',
      });
      assert.fail('expected a ConfigError');
    } catch (error) {
      assert.ok(error instanceof ConfigError);
      assert.deepEqual(
        error.problems.map((p) => p.split(':')[0]),
        ['GROUPZ_TYPO', 'PORT', 'GROUPZ_DATABASE_URL', 'GROUPZ_PUBLIC_URL', 'GROUPZ_DEMO'],
      );
    }
    assert.throws(() => loadConfig({ GROUPZ_CONFIG_FILE: '/nonexistent/groupz.env' }), /cannot read/);
  });

  test('mail: SMTP URL and sender, or .eml files from no-reply at the public host', () => {
    const local = loadConfig({ GROUPZ_PUBLIC_URL: 'https://bookings.groupz.now', GROUPZ_SECRET_KEY: 'a'.repeat(64) });
    assert.deepEqual([local.smtpUrl, local.mailFrom], [undefined, 'Groupz <no-reply@bookings.groupz.now>']);
    const smtp = loadConfig({
      GROUPZ_SMTP_URL: 'smtps://mailer:secret@smtp.example.nl:465',
      GROUPZ_MAIL_FROM: 'Boekingen <boekingen@example.nl>',
    });
    assert.deepEqual([smtp.smtpUrl, smtp.mailFrom], ['smtps://mailer:secret@smtp.example.nl:465', 'Boekingen <boekingen@example.nl>']);
    assert.equal(
      loadConfig({ GROUPZ_SMTP_URL: 'smtp://127.0.0.1:2525', GROUPZ_MAIL_FROM: 'noreply@example.nl' }).smtpUrl,
      'smtp://127.0.0.1:2525',
    );
    for (const [value, from] of [
      ['https://mailer:secret@smtp.example.nl', 'Groupz'],
      ['smtp.example.nl:587', 'Groupz <no address>'],
      ['smtp://', 'a@b.nl, c@d.nl'],
    ]) {
      try {
        loadConfig({ GROUPZ_SMTP_URL: value, GROUPZ_MAIL_FROM: from });
        assert.fail(`expected a ConfigError for ${value}`);
      } catch (error) {
        assert.ok(error instanceof ConfigError);
        assert.deepEqual(
          error.problems.map((p) => p.split(':')[0]),
          ['GROUPZ_SMTP_URL', 'GROUPZ_MAIL_FROM'],
        );
        assert.ok(!error.message.includes('secret'), 'the password is masked');
      }
    }
  });

  test('the README documents every setting with its default', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    for (const [name, setting] of Object.entries(SETTINGS)) {
      const row = readme.split('\n').find((line) => line.startsWith(`| \`${name}\``));
      assert.ok(row, `README has no row for ${name}`);
      assert.ok(row.includes(setting.default === '' ? '(empty)' : `\`${setting.default}\``), `README row of ${name} shows its default`);
    }
  });
});
