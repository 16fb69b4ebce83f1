import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { after, describe, test } from 'node:test';
import { rmSync } from 'node:fs';
import { createTestCa, INSTALL_OPENSSL, issueTestCertificate, newP256Key } from '../../../test/certificates.js';
import { hasTool, missingRequirement } from '../../../test/tools.js';
import { CertificateError, checkCertificate, hostOf } from './certificate.js';

if (!hasTool('openssl')) missingRequirement('openssl', INSTALL_OPENSSL);
else
  describe('certificate checks', () => {
    const ca = createTestCa();
    after(() => rmSync(ca.dir, { recursive: true, force: true }));
    const good = issueTestCertificate(ca, { name: 'good' });
    const x509 = new X509Certificate(good.cert.pem);
    const during = new Date(new Date(x509.validFrom).getTime() + 60_000);
    const pair = { cert: good.cert.pem, key: good.key.pem };

    const refusal = (fn: () => unknown): string => {
      try {
        fn();
      } catch (error) {
        assert.ok(error instanceof CertificateError, String(error));
        return error.message;
      }
      assert.fail('expected a CertificateError');
    };

    test('a certificate for the host, in its validity period, with its own key, passes and is described', () => {
      const info = checkCertificate(pair, 'bookings.test', during, 'cert.pem');
      assert.equal(info.serialNumber, good.serialNumber);
      assert.equal(info.validTo.getTime(), new Date(x509.validTo).getTime());
      assert.match(info.issuer, /CN=Groupz Test CA/);
    });

    test('refusals name the source and the problem', () => {
      const validTo = new Date(x509.validTo);
      assert.equal(
        refusal(() => checkCertificate(pair, 'bookings.test', validTo, 'cert.pem')),
        `cert.pem: the certificate expired on ${validTo.toISOString()}`,
      );
      const validFrom = new Date(x509.validFrom);
      assert.equal(
        refusal(() => checkCertificate(pair, 'bookings.test', new Date(validFrom.getTime() - 1000), 'cert.pem')),
        `cert.pem: the certificate is not valid before ${validFrom.toISOString()}`,
      );
      const otherKey = newP256Key(ca.dir, 'other');
      assert.equal(
        refusal(() => checkCertificate({ ...pair, key: otherKey.pem }, 'bookings.test', during, 'cert.pem')),
        'cert.pem: the key does not belong to the certificate',
      );
      assert.equal(
        refusal(() => checkCertificate(pair, 'groupz.now', during, 'cert.pem')),
        'cert.pem: the certificate does not cover groupz.now (it names DNS:bookings.test)',
      );
      assert.equal(
        refusal(() => checkCertificate({ ...pair, cert: 'nonsense' }, 'bookings.test', during, 'x')),
        'x: not a PEM certificate',
      );
      assert.match(
        refusal(() => checkCertificate({ ...pair, key: good.cert.pem }, 'bookings.test', during, 'x')),
        /not a PEM private key/,
      );
    });

    test('wildcards and IP addresses are matched as TLS clients match them', () => {
      const wildcard = issueTestCertificate(ca, { names: ['*.groupz.now'], name: 'wildcard' });
      const w = { cert: wildcard.cert.pem, key: wildcard.key.pem };
      assert.ok(checkCertificate(w, 'bookings.groupz.now', during, 'w'));
      assert.match(
        refusal(() => checkCertificate(w, 'groupz.now', during, 'w')),
        /does not cover groupz.now/,
      );
      const ip = issueTestCertificate(ca, { names: ['127.0.0.1'], name: 'ip' });
      assert.ok(checkCertificate({ cert: ip.cert.pem, key: ip.key.pem }, hostOf('https://127.0.0.1:8443'), during, 'ip'));
      assert.equal(hostOf('https://[::1]:8443'), '::1');
    });
  });
