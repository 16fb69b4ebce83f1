import assert from 'node:assert/strict';
import { createPrivateKey, randomBytes, X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect as connectTls } from 'node:tls';
import { once } from 'node:events';
import { after, before, describe, test } from 'node:test';
import { createTestCa, INSTALL_OPENSSL, type TestCa } from '../../certificates.js';
import { INSTALL_PEBBLE, type Pebble, startPebble } from '../../pebble.js';
import { freePort, startTlsServer, type ServerProcess } from '../../server-process.js';
import { http2Get, http2Session, https1, opensslClient, servedSerial, type Target } from '../../tls-client.js';
import { hasTool, missingRequirement } from '../../tools.js';

/** Pebble's certificates live 40 days: more than the default 30 days of GROUPZ_ACME_RENEW_DAYS, less than 45. */
const VALIDITY_SECONDS = 40 * 24 * 3600;

async function eventually(what: string, condition: () => Promise<boolean>, seconds = 60): Promise<void> {
  const deadline = Date.now() + seconds * 1000;
  while (!(await condition())) {
    if (Date.now() > deadline) assert.fail(`${what}: not within ${seconds} s`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** The certificate a new TLS connection is served. */
async function servedCertificate(target: Target): Promise<X509Certificate> {
  const socket = connectTls({ host: '127.0.0.1', port: target.port, servername: target.host, ca: target.ca });
  await once(socket, 'secureConnect');
  const certificate = socket.getPeerX509Certificate()!;
  socket.end();
  return certificate;
}

if (!hasTool('openssl')) missingRequirement('openssl', INSTALL_OPENSSL);
else if (!hasTool('pebble') || !hasTool('pebble-challtestsrv')) missingRequirement('pebble', INSTALL_PEBBLE);
else
  describe('ACME with Pebble, in a real server process: issuance, renewal, hot reload', () => {
    let ca: TestCa;
    let pebble: Pebble;
    let dataDir: string;
    let ports: { https: number; http: number };
    let target: Target;
    let rootFile: string;
    let env: Record<string, string>;
    let server: ServerProcess | undefined;
    const serials: string[] = [];

    const start = async (extra: Record<string, string> = {}) => {
      server = await startTlsServer({ ...env, ...extra }, ports, async () => (await https1(target, '/healthz')).status === 200, 90);
      return server;
    };

    before(async () => {
      ca = createTestCa('Pebble listener test CA');
      ports = { https: await freePort(), http: await freePort() };
      pebble = await startPebble({ ca, httpPort: ports.http, validitySeconds: VALIDITY_SECONDS });
      const root = await pebble.root();
      rootFile = join(ca.dir, 'pebble-root.pem');
      writeFileSync(rootFile, root);
      target = { port: ports.https, host: 'bookings.test', ca: root };
      dataDir = mkdtempSync(join(tmpdir(), 'groupz-acme-'));
      env = {
        GROUPZ_DATA_DIR: dataDir,
        GROUPZ_TLS: 'acme',
        GROUPZ_ACME_DIRECTORY_URL: pebble.directoryUrl,
        GROUPZ_ACME_EMAIL: 'beheer@bookings.test',
        GROUPZ_ACME_CA_FILE: ca.cert.file,
        GROUPZ_PUBLIC_URL: `https://bookings.test:${ports.https}`,
        GROUPZ_SECRET_KEY: randomBytes(32).toString('hex'),
      };
    });
    after(async () => {
      await server?.stop();
      await pebble?.stop();
      for (const dir of [ca.dir, dataDir]) rmSync(dir, { recursive: true, force: true });
    });

    test("first start: a P-256 certificate from Pebble's intermediate for the host, kept private in <data dir>/acme", async (t) => {
      const started = Date.now();
      await start();
      t.diagnostic(`start with issuance: ${((Date.now() - started) / 1000).toFixed(1)} s`);
      const served = await servedCertificate(target);
      const intermediate = new X509Certificate(await pebble.intermediate());
      assert.ok(served.checkIssued(intermediate), `issued by ${served.issuer}`);
      assert.ok(served.verify(intermediate.publicKey), "signed by Pebble's intermediate");
      assert.match(served.issuer, /Pebble Intermediate CA/);
      assert.equal(served.checkHost('bookings.test'), 'bookings.test');
      assert.equal(served.publicKey.asymmetricKeyDetails?.namedCurve, 'prime256v1');
      const acme = join(dataDir, 'acme');
      assert.equal(statSync(acme).mode & 0o777, 0o700);
      for (const file of ['account.key', 'certificate.pem', 'certificate.key'])
        assert.equal(statSync(join(acme, file)).mode & 0o777, 0o600, file);
      assert.equal(createPrivateKey(readFileSync(join(acme, 'account.key'))).asymmetricKeyDetails?.namedCurve, 'prime256v1');
      assert.equal(new X509Certificate(readFileSync(join(acme, 'certificate.pem'))).serialNumber, served.serialNumber);
      assert.match(server!.logs(), /"msg":"certificate issued"/);
      serials.push(served.serialNumber);
      await server!.stop();
    });

    test('a restart with more than 30 days left serves the stored certificate, without a new order', async () => {
      await start();
      assert.equal(await servedSerial(target), serials[0]);
      assert.doesNotMatch(server!.logs(), /certificate issued/);
      assert.match(server!.logs(), /"msg":"certificate loaded"/);
      await server!.stop();
    });

    test('inside the renewal threshold: renewed at start, then at a check while running; an open connection keeps working', async (t) => {
      // GROUPZ_ACME_RENEW_DAYS=45 > Pebble's 40 days: every check finds the certificate due.
      await start({ GROUPZ_ACME_RENEW_DAYS: '45', GROUPZ_ACME_CHECK_INTERVAL: '1' });
      const atStart = await servedSerial(target);
      assert.notEqual(atStart, serials[0], 'renewed at start');
      const open = await http2Session(target);
      try {
        assert.equal((await http2Get(open.session, '/healthz')).status, 200);
        const renewing = Date.now();
        await eventually('new connections get a renewed certificate', async () => (await servedSerial(target)) !== open.serial);
        t.diagnostic(`renewal seen by a new connection after ${((Date.now() - renewing) / 1000).toFixed(1)} s`);
        const later = await http2Get(open.session, '/healthz');
        assert.equal(later.status, 200, 'the open HTTP/2 session, on the previous certificate, still answers');
        assert.equal(later.headers['strict-transport-security'], 'max-age=63072000; includeSubDomains');
        const fresh = await http2Session(target);
        assert.equal(fresh.session.alpnProtocol, 'h2');
        assert.notEqual(fresh.serial, open.serial);
        fresh.session.close();
        assert.match(opensslClient(target, rootFile, ['-tls1_2']).output, /alert protocol version/, 'still TLS 1.3 only');
        assert.ok((server!.logs().match(/"msg":"certificate issued"/g) ?? []).length >= 2);
      } finally {
        open.session.close();
      }
    });
  });
