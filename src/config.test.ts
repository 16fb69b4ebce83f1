import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { describe, test } from 'node:test';
import { ConfigError, loadConfig, SETTINGS } from './config.js';

/** The problems loadConfig lists for `env`; none when it loads. */
function problemsOf(env: NodeJS.ProcessEnv): string[] {
  try {
    loadConfig(env);
    return [];
  } catch (error) {
    return (error as ConfigError).problems;
  }
}

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

  test('a refused secret key is not shown back; a computed default is worked out, not read', () => {
    assert.deepEqual(problemsOf({ GROUPZ_SECRET_KEY: 'not-hex-but-secret' }), [
      'GROUPZ_SECRET_KEY: must be 64 hex characters (openssl rand -hex 32)',
    ]);
    assert.deepEqual(
      Object.entries(SETTINGS)
        .filter(([, setting]) => 'computed' in setting)
        .map(([name]) => name),
      ['GROUPZ_PUBLIC_URL', 'GROUPZ_MAIL_FROM'],
    );
    const config = loadConfig({ GROUPZ_HOST: '0.0.0.0', PORT: '8080' });
    assert.deepEqual([config.publicUrl, config.mailFrom], ['http://127.0.0.1:8080', 'Groupz <no-reply@127.0.0.1>']);
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

  test('booking limits: 30 per network and 15 per address by default; a number, or 0 or off for none', () => {
    assert.deepEqual(loadConfig({}).bookingLimits, { perNetwork: 30, perEmail: 15 });
    assert.deepEqual(loadConfig({ GROUPZ_BOOKING_LIMIT_PER_NETWORK: 'off', GROUPZ_BOOKING_LIMIT_PER_EMAIL: '0' }).bookingLimits, {
      perNetwork: null,
      perEmail: null,
    });
    assert.deepEqual(loadConfig({ GROUPZ_BOOKING_LIMIT_PER_NETWORK: '200', GROUPZ_BOOKING_LIMIT_PER_EMAIL: '1' }).bookingLimits, {
      perNetwork: 200,
      perEmail: 1,
    });
    for (const value of ['', '-1', '1.5', 'no', '1000001', '007']) {
      assert.throws(
        () => loadConfig({ GROUPZ_BOOKING_LIMIT_PER_EMAIL: value }),
        (error: unknown) =>
          error instanceof ConfigError && error.problems[0]!.startsWith('GROUPZ_BOOKING_LIMIT_PER_EMAIL: must be a whole number'),
        value,
      );
    }
  });

  test("payments: no platform key, Mollie's own API and a 30-minute window by default", () => {
    assert.deepEqual(loadConfig({}).payments, { apiKey: null, apiUrl: 'https://api.mollie.com/v2/', windowMinutes: 30 });
    const key = 'test_dHar4XY7LxsDOtmnkVtjNVWXLSlXsM';
    assert.deepEqual(
      loadConfig({ GROUPZ_MOLLIE_API_KEY: key, GROUPZ_MOLLIE_API_URL: 'http://127.0.0.1:4010/v2/', GROUPZ_PAYMENT_WINDOW: '5' }).payments,
      { apiKey: key, apiUrl: 'http://127.0.0.1:4010/v2/', windowMinutes: 5 },
    );
    assert.equal(loadConfig({ GROUPZ_PAYMENT_WINDOW: '1440' }).payments.windowMinutes, 1440);
  });

  test('payments: a refused key is not shown back; the URL must be http(s); the window 5 to 1440 minutes', () => {
    for (const key of [
      'dHar4XY7LxsDOtmnkVtjNVWXLSlXsM',
      'test_short',
      'prod_dHar4XY7LxsDOtmnkVtjNVWXLSlXsM',
      'test_dHar4XY7Lxs-OtmnkVtjNVWXLSlXsM',
    ]) {
      const problems = problemsOf({ GROUPZ_MOLLIE_API_KEY: key });
      assert.deepEqual(problems, [
        'GROUPZ_MOLLIE_API_KEY: must be empty or a Mollie API key: test_ or live_ and at least 30 letters and digits',
      ]);
      assert.ok(!problems[0]!.includes(key));
    }
    for (const url of ['', 'ftp://api.mollie.com/v2/', 'api.mollie.com/v2/', 'https://']) {
      assert.deepEqual(
        problemsOf({ GROUPZ_MOLLIE_API_URL: url }).map((p) => p.split(' (got')[0]),
        ['GROUPZ_MOLLIE_API_URL: must be an http(s):// URL'],
        url,
      );
    }
    for (const window of ['4', '1441', '30.5', 'half an hour', '']) {
      assert.deepEqual(
        problemsOf({ GROUPZ_PAYMENT_WINDOW: window }).map((p) => p.split(' (got')[0]),
        ['GROUPZ_PAYMENT_WINDOW: must be a whole number of minutes from 5 to 1440'],
        window,
      );
    }
  });

  test('payments: a live key needs an https public URL and an https API URL', () => {
    const live = 'live_dHar4XY7LxsDOtmnkVtjNVWXLSlXsM';
    const https = { GROUPZ_PUBLIC_URL: 'https://bookings.example.nl', GROUPZ_SECRET_KEY: 'a'.repeat(64) };
    assert.equal(loadConfig({ ...https, GROUPZ_MOLLIE_API_KEY: live }).payments.apiKey, live);
    assert.deepEqual(problemsOf({ GROUPZ_MOLLIE_API_KEY: live }), [
      'GROUPZ_MOLLIE_API_KEY: a live_ key needs an https GROUPZ_PUBLIC_URL (live payments return to and report at it)',
    ]);
    assert.deepEqual(problemsOf({ ...https, GROUPZ_MOLLIE_API_KEY: live, GROUPZ_MOLLIE_API_URL: 'http://127.0.0.1:4010/v2/' }), [
      'GROUPZ_MOLLIE_API_URL: must be an https:// URL with a live_ key (got "http://127.0.0.1:4010/v2/")',
    ]);
    assert.deepEqual(problemsOf({ GROUPZ_MOLLIE_API_KEY: 'test_dHar4XY7LxsDOtmnkVtjNVWXLSlXsM' }), [], 'a test key may go over http');
  });

  test('docs/configuration.md documents every setting with its default', () => {
    const doc = readFileSync(new URL('../docs/configuration.md', import.meta.url), 'utf8');
    for (const [name, setting] of Object.entries(SETTINGS)) {
      const row = doc.split('\n').find((line) => line.startsWith(`| \`${name}\``));
      assert.ok(row, `docs/configuration.md has no row for ${name}`);
      assert.ok(row.includes(setting.default === '' ? '(empty)' : `\`${setting.default}\``), `the row of ${name} shows its default`);
    }
  });

  test('the per-network booking limit says what it counts: one client address, and only the address seen', () => {
    const doc = readFileSync(new URL('../docs/configuration.md', import.meta.url), 'utf8');
    const row = doc.split('\n').find((line) => line.startsWith('| `GROUPZ_BOOKING_LIMIT_PER_NETWORK`'))!;
    for (const text of [SETTINGS.GROUPZ_BOOKING_LIMIT_PER_NETWORK.description, row]) {
      assert.match(text, /one client address \(IPv4 \/32, IPv6 \/64/);
      assert.doesNotMatch(text, /\/24|\/48/);
    }
    assert.match(SETTINGS.GROUPZ_BOOKING_LIMIT_PER_NETWORK.description, /behind a proxy all clients share one count/);
  });

  test('TLS: off by default; files and acme require their settings, an https public URL and distinct ports', () => {
    assert.deepEqual(loadConfig({}).tls, { mode: 'off' });
    const https = { GROUPZ_PUBLIC_URL: 'https://bookings.groupz.now', GROUPZ_SECRET_KEY: 'ab'.repeat(32) };
    const files = loadConfig({
      ...https,
      GROUPZ_TLS: 'files',
      GROUPZ_TLS_CERT_FILE: '/etc/groupz/cert.pem',
      GROUPZ_TLS_KEY_FILE: 'key.pem',
    });
    assert.deepEqual(files.tls, {
      mode: 'files',
      httpsPort: 443,
      httpPort: 80,
      certFile: '/etc/groupz/cert.pem',
      keyFile: join(process.cwd(), 'key.pem'),
      reloadIntervalSeconds: 60,
    });
    const acme = loadConfig({
      ...https,
      GROUPZ_TLS: 'acme',
      GROUPZ_ACME_DIRECTORY_URL: 'https://acme-v02.api.letsencrypt.org/directory',
      GROUPZ_ACME_EMAIL: 'beheer@groupz.now',
      GROUPZ_HTTPS_PORT: '8443',
      GROUPZ_HTTP_PORT: '8080',
    });
    assert.deepEqual(acme.tls, {
      mode: 'acme',
      httpsPort: 8443,
      httpPort: 8080,
      directoryUrl: 'https://acme-v02.api.letsencrypt.org/directory',
      email: 'beheer@groupz.now',
      caFile: undefined,
      renewDays: 30,
      checkIntervalSeconds: 43200,
    });
    const problems = (env: NodeJS.ProcessEnv) => {
      try {
        loadConfig(env);
        return [];
      } catch (error) {
        assert.ok(error instanceof ConfigError);
        return error.problems;
      }
    };
    assert.deepEqual(problems({ ...https, GROUPZ_TLS: 'files' }), [
      'GROUPZ_TLS_CERT_FILE: must be set with GROUPZ_TLS=files',
      'GROUPZ_TLS_KEY_FILE: must be set with GROUPZ_TLS=files',
    ]);
    assert.deepEqual(problems({ GROUPZ_TLS: 'acme', GROUPZ_PUBLIC_URL: 'http://bookings.groupz.now', GROUPZ_HTTPS_PORT: '80' }), [
      'GROUPZ_PUBLIC_URL: must be an https:// URL with GROUPZ_TLS=acme',
      'GROUPZ_HTTP_PORT: must differ from GROUPZ_HTTPS_PORT',
      'GROUPZ_ACME_DIRECTORY_URL: must be set with GROUPZ_TLS=acme',
      'GROUPZ_ACME_EMAIL: must be set with GROUPZ_TLS=acme',
    ]);
    assert.deepEqual(
      problems({
        ...https,
        GROUPZ_PUBLIC_URL: 'https://192.0.2.1',
        GROUPZ_TLS: 'acme',
        GROUPZ_ACME_DIRECTORY_URL: 'https://ca.example/dir',
        GROUPZ_ACME_EMAIL: 'a@b.nl',
      }),
      [
        'GROUPZ_PUBLIC_URL: must name a host, not an IP address, with GROUPZ_TLS=acme',
        'GROUPZ_MAIL_FROM (its default, from GROUPZ_PUBLIC_URL): must be an address at a mail domain, not at an IP address or localhost, when GROUPZ_PUBLIC_URL is https (got "Groupz <no-reply@192.0.2.1>")',
      ],
    );
    assert.deepEqual(
      problems({
        GROUPZ_TLS: 'on',
        GROUPZ_HTTPS_PORT: '0',
        GROUPZ_HTTP_PORT: '65536',
        GROUPZ_ACME_DIRECTORY_URL: 'http://ca.example/dir',
        GROUPZ_ACME_EMAIL: 'nobody',
        GROUPZ_ACME_RENEW_DAYS: '0',
        GROUPZ_TLS_RELOAD_INTERVAL: '0',
      }).map((p) => p.split(':')[0]),
      [
        'GROUPZ_TLS',
        'GROUPZ_HTTPS_PORT',
        'GROUPZ_HTTP_PORT',
        'GROUPZ_TLS_RELOAD_INTERVAL',
        'GROUPZ_ACME_DIRECTORY_URL',
        'GROUPZ_ACME_EMAIL',
        'GROUPZ_ACME_RENEW_DAYS',
      ],
    );
  });

  test('a production (https) deployment refuses a sender at an IP address or localhost, and the process exits 1', () => {
    const https = { GROUPZ_PUBLIC_URL: 'https://bookings.groupz.now', GROUPZ_SECRET_KEY: 'ab'.repeat(32) };
    for (const from of [
      'no-reply@127.0.0.1',
      'Groupz <no-reply@[192.0.2.7]>',
      'noreply@localhost',
      'Groupz <noreply@mail.localhost>',
      'a@[::1]',
    ]) {
      assert.deepEqual(
        problemsOf({ ...https, GROUPZ_MAIL_FROM: from }),
        [
          `GROUPZ_MAIL_FROM: must be an address at a mail domain, not at an IP address or localhost, when GROUPZ_PUBLIC_URL is https (got ${JSON.stringify(from)})`,
        ],
        from,
      );
    }
    assert.match(problemsOf({ ...https, GROUPZ_PUBLIC_URL: 'https://localhost:8443' })[0] ?? '', /^GROUPZ_MAIL_FROM \(its default/);
    assert.deepEqual(problemsOf({ ...https, GROUPZ_MAIL_FROM: 'Groupz <no-reply@groupz.now>' }), []);
    assert.deepEqual(problemsOf({ GROUPZ_MAIL_FROM: 'no-reply@127.0.0.1' }), [], 'development (http) may send from anywhere');

    const dir = mkdtempSync(join(tmpdir(), 'groupz-config-'));
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/run-from-source.ts', 'serve'], {
      cwd: join(import.meta.dirname, '..'),
      env: { ...process.env, ...https, GROUPZ_MAIL_FROM: 'no-reply@127.0.0.1', GROUPZ_DATA_DIR: dir, GROUPZ_DATABASE_URL: '', PORT: '0' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    assert.equal(run.status, 1, run.stderr);
    assert.match(run.stderr, /invalid configuration:\n {2}- GROUPZ_MAIL_FROM: must be an address at a mail domain/);
  });

  test('DKIM: all three settings or none, a readable RSA key, a domain the sender is at', () => {
    const dir = mkdtempSync(join(tmpdir(), 'groupz-dkim-'));
    const keyFile = join(dir, 'dkim.pem');
    writeFileSync(keyFile, generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }));
    const edFile = join(dir, 'ed25519.pem');
    writeFileSync(edFile, generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }));
    const dkim = {
      GROUPZ_MAIL_FROM: 'Groupz <no-reply@bookings.groupz.now>',
      GROUPZ_DKIM_DOMAIN: 'groupz.now',
      GROUPZ_DKIM_SELECTOR: 'groupz2026',
      GROUPZ_DKIM_KEY_FILE: keyFile,
    };
    const config = loadConfig(dkim);
    assert.deepEqual([config.dkim?.domainName, config.dkim?.keySelector], ['groupz.now', 'groupz2026']);
    assert.match(config.dkim?.privateKey ?? '', /^-----BEGIN PRIVATE KEY-----/);
    assert.equal(loadConfig({}).dkim, undefined, 'none: unsigned');
    assert.deepEqual(problemsOf({ GROUPZ_DKIM_DOMAIN: 'groupz.now' }), [
      'GROUPZ_DKIM_SELECTOR: must be set with the other GROUPZ_DKIM_* settings (all three or none)',
      'GROUPZ_DKIM_KEY_FILE: must be set with the other GROUPZ_DKIM_* settings (all three or none)',
    ]);
    assert.deepEqual(problemsOf({ ...dkim, GROUPZ_DKIM_DOMAIN: 'example.nl' }), [
      `GROUPZ_DKIM_DOMAIN: must be the sender's domain (bookings.groupz.now) or a parent of it, so that DMARC aligns (got "example.nl")`,
    ]);
    assert.deepEqual(problemsOf({ ...dkim, GROUPZ_DKIM_KEY_FILE: join(dir, 'missing.pem') }), [
      `GROUPZ_DKIM_KEY_FILE: cannot read ${join(dir, 'missing.pem')} (ENOENT)`,
    ]);
    writeFileSync(join(dir, 'junk.pem'), 'not a key');
    assert.deepEqual(problemsOf({ ...dkim, GROUPZ_DKIM_KEY_FILE: join(dir, 'junk.pem') }), [
      `GROUPZ_DKIM_KEY_FILE: ${join(dir, 'junk.pem')} holds no private key in PEM`,
    ]);
    assert.deepEqual(problemsOf({ ...dkim, GROUPZ_DKIM_KEY_FILE: edFile }), [
      `GROUPZ_DKIM_KEY_FILE: must hold an RSA key of at least 1024 bits (2048 advised) (got ed25519 in ${edFile})`,
    ]);
    assert.deepEqual(
      problemsOf({ ...dkim, GROUPZ_DKIM_DOMAIN: 'groupz now', GROUPZ_DKIM_SELECTOR: 'a_b' }).map((p) => p.split(':')[0]),
      ['GROUPZ_DKIM_DOMAIN', 'GROUPZ_DKIM_SELECTOR'],
    );
  });
});

describe('the disk space warning', () => {
  test('warns below 10 % or 1 GiB free, looking every minute, by default; sizes take K, M, G, T as powers of 1024', () => {
    assert.deepEqual(loadConfig({}).watch, { disk: { percent: 10, bytes: 1024 ** 3 }, intervalSeconds: 60 });
    const sizes = { '0': 0, '4096': 4096, '512K': 512 * 1024, '512m': 512 * 1024 ** 2, '2G': 2 * 1024 ** 3, '1T': 1024 ** 4 };
    for (const [text, bytes] of Object.entries(sizes))
      assert.equal(loadConfig({ GROUPZ_DISK_WARN_SIZE: text }).watch.disk.bytes, bytes, text);
    assert.deepEqual(loadConfig({ GROUPZ_DISK_WARN_PERCENT: '0', GROUPZ_WATCH_INTERVAL: '5' }).watch, {
      disk: { percent: 0, bytes: 1024 ** 3 },
      intervalSeconds: 5,
    });
  });

  test('refuses what is no percentage, size or interval, naming each setting', () => {
    for (const [name, value, problem] of [
      ['GROUPZ_DISK_WARN_PERCENT', '100', 'must be a whole number from 0 to 99'],
      ['GROUPZ_DISK_WARN_PERCENT', '10%', 'must be a whole number from 0 to 99'],
      ['GROUPZ_DISK_WARN_SIZE', '1 GB', 'must be a whole number of bytes, or one with K, M, G or T (powers of 1024), e.g. 1G'],
      ['GROUPZ_DISK_WARN_SIZE', '1.5G', 'must be a whole number of bytes, or one with K, M, G or T (powers of 1024), e.g. 1G'],
      ['GROUPZ_DISK_WARN_SIZE', '', 'must be a whole number of bytes, or one with K, M, G or T (powers of 1024), e.g. 1G'],
      ['GROUPZ_WATCH_INTERVAL', '0', 'must be a whole number of seconds from 1 to 3600'],
    ] as const) {
      assert.deepEqual(problemsOf({ [name]: value }), [`${name}: ${problem} (got ${JSON.stringify(value)})`]);
    }
  });
});
