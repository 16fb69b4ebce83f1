import assert from 'node:assert/strict';
import { createPublicKey, X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { crypto as acmeCrypto } from 'acme-client';
import { createTestCa, INSTALL_OPENSSL, signTestCsr } from '../../../test/certificates.js';
import { TestClock } from '../../../test/clock.js';
import { captureLog } from '../../../test/log-capture.js';
import { hasTool, missingRequirement } from '../../../test/tools.js';
import { acmeCertificates, acmeDirectory, type Issuer } from './acme-certificates.js';
import { CertificateError } from './certificate.js';

const DAY_MS = 24 * 60 * 60 * 1000;
/**
 * openssl makes certificates valid from the real time (in whole seconds), so the test clock starts a
 * few seconds after it, where every certificate the fake CA signs is already valid; it then moves
 * only by hand.
 */
const realTimeSoon = () => new Date(Date.now() + 5000);
const serialOf = (pem: string | undefined) => (pem ? new X509Certificate(pem).serialNumber : undefined);

if (!hasTool('openssl')) missingRequirement('openssl', INSTALL_OPENSSL);
else
  describe('ACME certificates: when to issue and renew (a test CA stands in for the ACME CA)', () => {
    const ca = createTestCa();
    const dataDirs: string[] = [];
    after(() => [ca.dir, ...dataDirs].forEach((dir) => rmSync(dir, { recursive: true, force: true })));

    /** Signs what it is asked for, valid 90 days from now (the real time: openssl's), and counts. */
    const fakeCa = () => {
      const calls: string[] = [];
      let failing: string | undefined;
      const issue: Issuer = async (host, key) => {
        calls.push(host);
        if (failing) throw new Error(failing);
        const [, csr] = await acmeCrypto.createCsr({ commonName: host, altNames: [host] }, key);
        return signTestCsr(ca, csr.toString(), 90);
      };
      return { issue, calls, fail: (reason: string | undefined) => (failing = reason) };
    };
    const setUp = () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'groupz-acme-'));
      dataDirs.push(dataDir);
      return { dir: acmeDirectory(dataDir), clock: new TestClock(realTimeSoon()), ...captureLog(), ...fakeCa() };
    };

    test('first start issues a P-256 certificate and keeps it private in <data dir>/acme; a restart reuses it', async () => {
      const s = setUp();
      const source = acmeCertificates({ host: 'bookings.test', dir: s.dir, renewDays: 30, clock: s.clock, log: s.log, issue: s.issue });
      const issued = await source.initial();
      assert.deepEqual(s.calls, ['bookings.test']);
      assert.equal(new X509Certificate(issued.cert).checkHost('bookings.test'), 'bookings.test');
      assert.equal(createPublicKey(issued.key).asymmetricKeyDetails?.namedCurve, 'prime256v1');
      assert.equal(statSync(s.dir).mode & 0o777, 0o700);
      for (const file of ['certificate.pem', 'certificate.key']) assert.equal(statSync(join(s.dir, file)).mode & 0o777, 0o600, file);
      assert.equal(readFileSync(join(s.dir, 'certificate.pem'), 'utf8'), issued.cert);

      const again = acmeCertificates({ host: 'bookings.test', dir: s.dir, renewDays: 30, clock: s.clock, log: s.log, issue: s.issue });
      assert.equal(serialOf((await again.initial()).cert), serialOf(issued.cert), 'the stored certificate serves');
      assert.equal(s.calls.length, 1, 'no second issuance');
    });

    test('renews, with a new key, once fewer than the threshold of days remain; not before', async () => {
      const s = setUp();
      const source = acmeCertificates({ host: 'bookings.test', dir: s.dir, renewDays: 30, clock: s.clock, log: s.log, issue: s.issue });
      const first = await source.initial();
      const validTo = new Date(new X509Certificate(first.cert).validTo).getTime();
      s.clock.set(new Date(validTo - 30 * DAY_MS - 60_000));
      assert.equal(await source.check(), undefined, 'thirty days and a minute left: not yet');
      s.clock.set(new Date(validTo - 30 * DAY_MS + 60_000));
      // The new certificate is valid from openssl's real time: the clock goes back there first.
      const renewing = source.check();
      s.clock.set(realTimeSoon());
      const renewed = await renewing;
      assert.ok(renewed, 'renewed inside the threshold');
      assert.notEqual(serialOf(renewed.cert), serialOf(first.cert));
      assert.notEqual(renewed.key, first.key, 'a new key');
      assert.equal(readFileSync(join(s.dir, 'certificate.pem'), 'utf8'), renewed.cert);
      assert.equal(await source.check(), undefined, 'the fresh certificate is not due');
      assert.equal(s.calls.length, 2);
    });

    test('a larger threshold renews at start: GROUPZ_ACME_RENEW_DAYS beyond the lifetime', async () => {
      const s = setUp();
      const first = await acmeCertificates({
        host: 'bookings.test',
        dir: s.dir,
        renewDays: 30,
        clock: s.clock,
        log: s.log,
        issue: s.issue,
      }).initial();
      const eager = acmeCertificates({ host: 'bookings.test', dir: s.dir, renewDays: 100, clock: s.clock, log: s.log, issue: s.issue });
      assert.notEqual(serialOf((await eager.initial()).cert), serialOf(first.cert));
      assert.equal(s.calls.length, 2);
    });

    test('a failed renewal keeps the current certificate and is logged; without any certificate the start fails', async () => {
      const s = setUp();
      const source = acmeCertificates({ host: 'bookings.test', dir: s.dir, renewDays: 100, clock: s.clock, log: s.log, issue: s.issue });
      const first = await source.initial();
      s.fail('urn:ietf:params:acme:error:connection: could not reach the host');
      assert.equal(await source.check(), undefined);
      assert.equal(readFileSync(join(s.dir, 'certificate.pem'), 'utf8'), first.cert, 'the stored certificate stays');
      const restarted = acmeCertificates({ host: 'bookings.test', dir: s.dir, renewDays: 100, clock: s.clock, log: s.log, issue: s.issue });
      assert.equal(serialOf((await restarted.initial()).cert), serialOf(first.cert), 'due but not renewed: the stored one serves');
      const errors = s.lines.filter((l) => l.level === 50).map((l) => l.problem);
      assert.deepEqual(errors, Array(2).fill('urn:ietf:params:acme:error:connection: could not reach the host'));

      const empty = setUp();
      empty.fail('urn:ietf:params:acme:error:dns: no such host');
      const none = acmeCertificates({
        host: 'bookings.test',
        dir: empty.dir,
        renewDays: 30,
        clock: empty.clock,
        log: empty.log,
        issue: empty.issue,
      });
      await assert.rejects(none.initial(), (error: unknown) => {
        assert.ok(error instanceof CertificateError);
        assert.equal(
          error.message,
          'no certificate for bookings.test: the ACME CA did not issue one (urn:ietf:params:acme:error:dns: no such host)',
        );
        return true;
      });
    });

    test('a stored certificate for another host (the public URL changed) is replaced at start', async () => {
      const s = setUp();
      await acmeCertificates({ host: 'old.groupz.now', dir: s.dir, renewDays: 30, clock: s.clock, log: s.log, issue: s.issue }).initial();
      const moved = await acmeCertificates({
        host: 'bookings.test',
        dir: s.dir,
        renewDays: 30,
        clock: s.clock,
        log: s.log,
        issue: s.issue,
      }).initial();
      assert.equal(new X509Certificate(moved.cert).checkHost('bookings.test'), 'bookings.test');
      assert.deepEqual(s.calls, ['old.groupz.now', 'bookings.test']);
      assert.match(String(s.lines.find((l) => l.level === 40)?.problem), /does not cover bookings.test/);
    });
  });
