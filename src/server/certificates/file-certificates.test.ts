import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { copyFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { createTestCa, INSTALL_OPENSSL, issueTestCertificate, type TestCertificate } from '../../../test/certificates.js';
import { TestClock } from '../../../test/clock.js';
import { captureLog } from '../../../test/log-capture.js';
import { hasTool, missingRequirement } from '../../../test/tools.js';
import { CertificateError } from './certificate.js';
import { fileCertificates } from './file-certificates.js';

const serialOf = (pem: string | undefined) => (pem ? new X509Certificate(pem).serialNumber : undefined);

if (!hasTool('openssl')) missingRequirement('openssl', INSTALL_OPENSSL);
else
  describe('certificate files', () => {
    const ca = createTestCa();
    after(() => rmSync(ca.dir, { recursive: true, force: true }));
    const certFile = join(ca.dir, 'live.pem');
    const keyFile = join(ca.dir, 'live.key');
    const install = (c: TestCertificate) => {
      copyFileSync(c.cert.file, certFile);
      copyFileSync(c.key.file, keyFile);
    };
    const first = issueTestCertificate(ca, { name: 'first' });
    const clock = new TestClock(new Date(new Date(new X509Certificate(first.cert.pem).validFrom).getTime() + 60_000));

    test('a missing file stops the start with the setting and the file named', async () => {
      const { log } = captureLog();
      const source = fileCertificates({ certFile: join(ca.dir, 'absent.pem'), keyFile, host: 'bookings.test', clock, log });
      await assert.rejects(source.initial(), (error: unknown) => {
        assert.ok(error instanceof CertificateError);
        assert.equal(error.message, `GROUPZ_TLS_CERT_FILE ${join(ca.dir, 'absent.pem')}: cannot be read (ENOENT)`);
        return true;
      });
    });

    test('changed files that pass the checks are taken; refused ones are logged once and the current one stays', async () => {
      install(first);
      const { log, lines } = captureLog();
      const source = fileCertificates({ certFile, keyFile, host: 'bookings.test', clock, log });
      assert.equal(serialOf((await source.initial()).cert), first.serialNumber);
      assert.equal(await source.check(), undefined, 'unchanged files: nothing to do');

      const second = issueTestCertificate(ca, { name: 'second' });
      install(second);
      assert.equal(serialOf((await source.check())?.cert), second.serialNumber);
      assert.equal(await source.check(), undefined);

      const refusals: [TestCertificate, RegExp][] = [
        [issueTestCertificate(ca, { name: 'expired', days: -1 }), /the certificate expired on/],
        [issueTestCertificate(ca, { name: 'elsewhere', names: ['groupz.now'] }), /does not cover bookings.test/],
        [{ ...issueTestCertificate(ca, { name: 'mismatch' }), key: first.key }, /the key does not belong to the certificate/],
      ];
      for (const [replacement, problem] of refusals) {
        lines.length = 0;
        install(replacement);
        assert.equal(await source.check(), undefined);
        assert.equal(await source.check(), undefined);
        const errors = lines.filter((l) => l.level === 50);
        assert.equal(errors.length, 1, 'logged once, not at every look');
        assert.match(String(errors[0]!.problem), problem);
      }
      lines.length = 0;
      rmSync(keyFile);
      assert.equal(await source.check(), undefined);
      assert.equal(await source.check(), undefined);
      assert.deepEqual(
        lines.map((l) => l.problem),
        [`GROUPZ_TLS_KEY_FILE ${keyFile}: cannot be read (ENOENT)`],
      );

      install(second);
      assert.equal(serialOf((await source.check())?.cert), second.serialNumber, 'good files again are taken again');
    });

    test('a certificate that is not yet valid is refused by the injected clock', async () => {
      install(first);
      const early = new TestClock(new Date(new Date(new X509Certificate(first.cert.pem).validFrom).getTime() - 3600_000));
      const source = fileCertificates({ certFile, keyFile, host: 'bookings.test', clock: early, log: captureLog().log });
      await assert.rejects(source.initial(), /is not valid before/);
    });
  });
