import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createTestCa, INSTALL_OPENSSL, issueTestCertificate, type TestCa, type TestCertificate } from '../../certificates.js';
import { GROUPZ_COMMAND } from '../../groupz.js';
import { freePort, serveUntilExit, startTlsServer, type ServerProcess } from '../../server-process.js';
import { http1, http2Get, http2Session, https1, opensslClient, servedSerial, type Target } from '../../tls-client.js';
import { assertSecurityHeaders } from '../../security-headers.js';
import { hasTool, missingRequirement, runTool } from '../../tools.js';
import { STYLESHEET_PATH } from '../../../src/web/public-assets.js';

const HSTS = 'max-age=63072000; includeSubDomains';
const SUITES = ['TLS_AES_128_GCM_SHA256', 'TLS_AES_256_GCM_SHA384', 'TLS_CHACHA20_POLY1305_SHA256'];

/**
 * Findings testssl.sh rates MEDIUM or worse that come from the test's own certificate, not from
 * the server: the test CA publishes no CRL or OCSP responder (`cert_revocation`).
 */
const CAUSED_BY_THE_TEST_CERTIFICATE = new Set(['cert_revocation']);

/**
 * testssl.sh calls any compressed page "potentially VULNERABLE" to BREACH, as it cannot tell what
 * the page holds. It tests `/`: the public catalogue, which holds no secret (no cookie, no token),
 * so compressing it gives BREACH nothing to find. Pages that hold a session's secret (/admin,
 * /staff) are never compressed (src/web/plugins/compression.test.ts). Accepted for `/` only.
 */
function isBreachOnTheCatalogue(f: { id: string; finding: string }): boolean {
  return f.id === 'BREACH' && /only supplied '\/' tested/.test(f.finding);
}

/** Puts a certificate and key in place the way a renewal tool does: each file replaced in one step. */
function install(c: { cert: { file: string }; key: { file: string } }, certFile: string, keyFile: string): void {
  copyFileSync(c.key.file, `${keyFile}.tmp`);
  renameSync(`${keyFile}.tmp`, keyFile);
  copyFileSync(c.cert.file, `${certFile}.tmp`);
  renameSync(`${certFile}.tmp`, certFile);
}

async function eventually(what: string, condition: () => Promise<boolean> | boolean, seconds = 20): Promise<void> {
  const deadline = Date.now() + seconds * 1000;
  while (!(await condition())) {
    if (Date.now() > deadline) assert.fail(`${what}: not within ${seconds} s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

if (!hasTool('openssl')) missingRequirement('openssl', INSTALL_OPENSSL);
else {
  describe('HTTPS with certificate files, in a real server process', () => {
    let ca: TestCa;
    let first: TestCertificate;
    let dataDir: string;
    let certFile: string;
    let keyFile: string;
    let ports: { https: number; http: number };
    let target: Target;
    let server: ServerProcess;

    before(async () => {
      ca = createTestCa();
      first = issueTestCertificate(ca, { name: 'first' });
      certFile = join(ca.dir, 'live.pem');
      keyFile = join(ca.dir, 'live.key');
      install(first, certFile, keyFile);
      dataDir = mkdtempSync(join(tmpdir(), 'groupz-tls-'));
      ports = { https: await freePort(), http: await freePort() };
      // The public address is https://bookings.test, as if port 443 were forwarded to the test's port.
      target = { port: ports.https, host: 'bookings.test', ca: ca.cert.pem, authority: 'bookings.test' };
      server = await startTlsServer(
        {
          GROUPZ_DATA_DIR: dataDir,
          GROUPZ_TLS: 'files',
          GROUPZ_TLS_CERT_FILE: certFile,
          GROUPZ_TLS_KEY_FILE: keyFile,
          GROUPZ_TLS_RELOAD_INTERVAL: '1',
          GROUPZ_PUBLIC_URL: 'https://bookings.test',
          GROUPZ_SECRET_KEY: randomBytes(32).toString('hex'),
        },
        ports,
        async () => (await https1(target, '/healthz')).status === 200,
      );
    });
    after(async () => {
      await server?.stop();
      for (const dir of [ca.dir, dataDir]) rmSync(dir, { recursive: true, force: true });
    });

    test('TLS 1.3 only: openssl s_client gets a protocol version alert for TLS 1.2, 1.1 and 1.0, and TLS 1.3 with a modern suite', () => {
      const tls13 = opensslClient(target, ca.cert.file, ['-tls1_3']);
      assert.equal(tls13.status, 0, tls13.output);
      const negotiated = /New, TLSv1\.3, Cipher is (\S+)/.exec(tls13.output);
      assert.ok(negotiated && SUITES.includes(negotiated[1]!), tls13.output);
      assert.match(tls13.output, /Verify return code: 0 \(ok\)/);
      // TLS 1.0 and 1.1 are offered at security level 0, so that the refusal is surely the server's.
      for (const flags of [['-tls1_2'], ['-tls1_1', '-cipher', 'DEFAULT@SECLEVEL=0'], ['-tls1', '-cipher', 'DEFAULT@SECLEVEL=0']]) {
        const refused = opensslClient(target, ca.cert.file, flags);
        assert.notEqual(refused.status, 0, flags[0]);
        assert.match(refused.output, /alert protocol version/, `${flags[0]}: ${refused.output}`);
        assert.doesNotMatch(refused.output, /New, TLS/, flags[0]);
      }
    });

    test('HTTP/2 and HTTP/1.1 (ALPN) both serve, with HSTS on pages, assets, 404s, errors and 421s', async () => {
      const paths: [string, number][] = [
        ['/healthz', 200],
        ['/', 200],
        [STYLESHEET_PATH, 200],
        ['/nowhere', 404],
        ['/%E0%A4%A', 400],
        ['/api/v1/activities', 200],
      ];
      const { session } = await http2Session(target);
      try {
        assert.equal(session.alpnProtocol, 'h2');
        for (const [path, status] of paths) {
          const res = await http2Get(session, path);
          assert.equal(res.status, status, `h2 ${path}`);
          assert.equal(res.headers['strict-transport-security'], HSTS, `h2 ${path}`);
        }
        for (const authority of ['groupz.now', `127.0.0.1:${ports.https}`, `bookings.test:${ports.https}`]) {
          const misdirected = await http2Get(session, '/healthz', authority);
          assert.equal(misdirected.status, 421, authority);
          assert.equal(misdirected.body, '');
          assert.equal(misdirected.headers['strict-transport-security'], HSTS);
        }
      } finally {
        session.close();
      }
      for (const [path, status] of paths) {
        const res = await https1(target, path);
        assert.equal(res.httpVersion, '1.1');
        assert.equal(res.status, status, `http/1.1 ${path}`);
        assert.equal(res.headers['strict-transport-security'], HSTS, `http/1.1 ${path}`);
      }
      for (const host of ['groupz.now', `127.0.0.1:${ports.https}`, 'localhost', 'bookings.test:8443']) {
        const misdirected = await https1(target, '/', host);
        assert.equal(misdirected.status, 421, host);
        assert.equal(misdirected.body, '');
      }
    });

    test('the port-80 server sends everything to https with path and query kept, and nothing else', async () => {
      for (const path of ['/', '/activities/x?date=2026-06-01&groupSize=4', '/healthz']) {
        const res = await http1(ports.http, path, 'bookings.test');
        assert.equal(res.status, 301, path);
        assert.equal(res.headers.location, `https://bookings.test${path}`);
        assert.equal(res.body, '');
        assertSecurityHeaders(res.headers, path);
        assert.equal(res.headers['set-cookie'], undefined);
      }
      const misdirected = await http1(ports.http, '/', 'groupz.now');
      assert.equal(misdirected.status, 421);
      assert.equal(misdirected.body, '');
    });

    if (!hasTool('testssl')) missingRequirement('testssl.sh', 'apt-get install -y testssl.sh');
    else
      test('testssl.sh: only TLS 1.3 offered, no finding of severity MEDIUM or higher', async (t) => {
        const jsonFile = join(dataDir, 'testssl.json');
        const run = await runTool(
          'testssl',
          [
            ...['--jsonfile', jsonFile, '--warnings', 'off', '--openssl-timeout', '5', '--quiet', '--color', '0'],
            // Only loopback: no DNS lookups, the address given, the test CA trusted.
            ...['--nodns', 'none', '--ip', '127.0.0.1', '--add-ca', ca.cert.file],
            ...['-p', '-S', '-h', '-U'],
            // testssl.sh sends `Host: bookings.test`, which the public URL's host is.
            `https://bookings.test:${ports.https}`,
          ],
          300,
        );
        t.diagnostic(`testssl.sh took ${run.seconds} s`);
        const findings = JSON.parse(readFileSync(jsonFile, 'utf8')) as { id: string; severity: string; finding: string }[];
        const finding = (id: string) => findings.find((f) => f.id === id)?.finding;
        for (const id of ['SSLv2', 'SSLv3', 'TLS1', 'TLS1_1', 'TLS1_2']) assert.equal(finding(id), 'not offered', id);
        assert.match(String(finding('TLS1_3')), /^offered/);
        assert.equal(finding('ALPN_HTTP2'), 'h2');
        assert.match(String(finding('HTTP_status_code')), /^200 OK/, "the header checks ran on the platform's page");
        assert.match(String(finding('HSTS_time')), /^730 days/);
        const counts = new Map<string, number>();
        for (const f of findings) counts.set(f.severity, (counts.get(f.severity) ?? 0) + 1);
        t.diagnostic(`findings by severity: ${[...counts].map(([severity, n]) => `${severity} ${n}`).join(', ')}`);
        const minor = findings.filter((f) => ['LOW', 'WARN'].includes(f.severity));
        t.diagnostic(`LOW and WARN: ${minor.map((f) => `${f.id} ${f.severity} (${f.finding})`).join('; ') || 'none'}`);
        const serious = findings.filter((f) => ['MEDIUM', 'HIGH', 'CRITICAL'].includes(f.severity));
        t.diagnostic(`MEDIUM or higher: ${serious.map((f) => `${f.id} ${f.severity} (${f.finding})`).join('; ') || 'none'}`);
        assert.deepEqual(
          serious.filter((f) => !CAUSED_BY_THE_TEST_CERTIFICATE.has(f.id) && !isBreachOnTheCatalogue(f)),
          [],
          'findings the server must fix',
        );
        assert.ok(findings.length > 50, `testssl.sh ran its checks (${run.output.slice(-500)})`);
      });

    test('groupz audit, run as its own process against this server, finds every promise kept', () => {
      const root = join(import.meta.dirname, '..', '..', '..');
      const [node, ...groupzArgs] = GROUPZ_COMMAND;
      const args = [...groupzArgs, 'audit', 'https://bookings.test'];
      const options = ['--connect', `127.0.0.1:${ports.https}`, '--http-port', String(ports.http), '--ca', ca.cert.file, '--json'];
      const run = spawnSync(node!, [...args, ...options, '--website-host', 'groupz.test'], { cwd: root, encoding: 'utf8' });
      const report = JSON.parse(run.stdout) as { ok: boolean; checks: { id: string; ok: boolean; finding: string }[] };
      assert.deepEqual(
        report.checks.filter((c) => !c.ok).map((c) => `${c.id}: ${c.finding}`),
        [],
      );
      assert.equal(report.ok, true);
      assert.ok(report.checks.length >= 20, `${report.checks.length} checks ran`);
      assert.equal(run.status, 0, run.stderr);
    });

    test('a new certificate in the files reaches new connections without a restart; an open HTTP/2 session keeps working', async () => {
      const open = await http2Session(target);
      try {
        assert.equal((await http2Get(open.session, '/healthz')).status, 200);
        assert.equal(open.serial, first.serialNumber);
        const second = issueTestCertificate(ca, { name: 'second' });
        install(second, certFile, keyFile);
        await eventually('new connections get the new certificate', async () => (await servedSerial(target)) === second.serialNumber);
        const later = await http2Get(open.session, '/healthz');
        assert.equal(later.status, 200, 'the open session (on its first certificate) still answers');
        const fresh = await http2Session(target);
        assert.equal(fresh.session.alpnProtocol, 'h2', 'HTTP/2 still offered');
        fresh.session.close();
        const tls12 = opensslClient(target, ca.cert.file, ['-tls1_2']);
        assert.match(tls12.output, /alert protocol version/, 'the reloaded context keeps TLS 1.3 only');
        assert.match(opensslClient(target, ca.cert.file, ['-tls1_3']).output, /Verify return code: 0 \(ok\)/);

        // Refused replacements: the log names each problem and the good certificate stays.
        const refusals: [TestCertificate, RegExp][] = [
          [issueTestCertificate(ca, { name: 'expired', days: -1 }), /the certificate expired on/],
          [issueTestCertificate(ca, { name: 'elsewhere', names: ['groupz.now'] }), /does not cover bookings\.test/],
          [{ ...issueTestCertificate(ca, { name: 'mismatch' }), key: first.key }, /the key does not belong to the certificate/],
        ];
        for (const [replacement, problem] of refusals) {
          install(replacement, certFile, keyFile);
          await eventually(`the refusal is logged: ${problem}`, () =>
            server
              .logs()
              .split('\n')
              .some((line) => line.includes('"level":50') && problem.test(line)),
          );
          assert.equal(await servedSerial(target), second.serialNumber, String(problem));
          assert.equal((await https1(target, '/healthz')).status, 200);
        }
        assert.equal((await http2Get(open.session, '/healthz')).status, 200, 'the first session outlived it all');
      } finally {
        open.session.close();
      }
    });
  });

  describe('start-up refuses a certificate it cannot serve (exit 1, the problem named)', () => {
    let ca: TestCa;
    before(() => {
      ca = createTestCa();
    });
    after(() => rmSync(ca.dir, { recursive: true, force: true }));

    test('a missing file, an expired certificate, one for another host, a key that does not belong', async () => {
      const good = issueTestCertificate(ca, { name: 'good' });
      const expired = issueTestCertificate(ca, { name: 'expired', days: -1 });
      const elsewhere = issueTestCertificate(ca, { name: 'elsewhere', names: ['groupz.now'] });
      const other = issueTestCertificate(ca, { name: 'other' });
      const cases: [string, string, string | RegExp][] = [
        [join(ca.dir, 'absent.pem'), good.key.file, `GROUPZ_TLS_CERT_FILE ${join(ca.dir, 'absent.pem')}: cannot be read (ENOENT)`],
        [expired.cert.file, expired.key.file, `${expired.cert.file}: the certificate expired on`],
        [elsewhere.cert.file, elsewhere.key.file, `${elsewhere.cert.file}: the certificate does not cover bookings.test`],
        [good.cert.file, other.key.file, `${good.cert.file}: the key does not belong to the certificate`],
      ];
      const results = await Promise.all(
        cases.map(async ([cert, key]) => {
          const dataDir = mkdtempSync(join(tmpdir(), 'groupz-tls-'));
          const https = await freePort();
          const result = await serveUntilExit({
            GROUPZ_DATA_DIR: dataDir,
            GROUPZ_TLS: 'files',
            GROUPZ_TLS_CERT_FILE: cert,
            GROUPZ_TLS_KEY_FILE: key,
            GROUPZ_HTTPS_PORT: String(https),
            GROUPZ_HTTP_PORT: String(await freePort()),
            GROUPZ_PUBLIC_URL: 'https://bookings.test',
            GROUPZ_SECRET_KEY: randomBytes(32).toString('hex'),
          });
          rmSync(dataDir, { recursive: true, force: true });
          return result;
        }),
      );
      cases.forEach(([, , problem], i) => {
        assert.equal(results[i]!.code, 1, results[i]!.stderr);
        assert.ok(results[i]!.stderr.includes(`groupz: ${problem}`), `expected "${problem}" in: ${results[i]!.stderr}`);
      });
    });
  });
}
