import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { resolveTarget, UsageError } from './target.js';

const now = new Date('2026-11-30T12:00:00Z');

describe('what the audit is pointed at', () => {
  test('the host, its website (the parent domain), and where to connect', () => {
    const plain = resolveTarget({ url: 'https://bookings.groupz.now/', now });
    assert.deepEqual(
      [plain.origin, plain.host, plain.address, plain.port, plain.httpPort, plain.servername, plain.websiteHost],
      ['https://bookings.groupz.now', 'bookings.groupz.now', 'bookings.groupz.now', 443, 80, 'bookings.groupz.now', 'groupz.now'],
    );
    const redirected = resolveTarget({
      url: 'https://bookings.test:8443',
      connect: '127.0.0.1',
      websiteHost: 'site.test',
      httpPort: 8080,
      now,
    });
    assert.deepEqual(
      [redirected.host, redirected.address, redirected.port, redirected.httpPort, redirected.servername, redirected.websiteHost],
      ['bookings.test:8443', '127.0.0.1', 8443, 8080, 'bookings.test', 'site.test'],
    );
    assert.deepEqual(
      [resolveTarget({ url: 'https://a.b.test', connect: '[::1]:9443', now })].map((t) => [t.address, t.port]),
      [['::1', 9443]],
    );
    assert.equal(resolveTarget({ url: 'https://a.b.test', connect: '::1', now }).address, '::1');
    assert.equal(resolveTarget({ url: 'https://10.0.0.1', websiteHost: 'groupz.now', now }).servername, '', 'no SNI for an address');
  });

  test('refuses what it cannot audit, saying why', () => {
    const refusals: [Parameters<typeof resolveTarget>[0], RegExp][] = [
      [{ url: 'bookings', now }, /not a URL/],
      [{ url: 'http://bookings.test', now }, /https:\/\/ address, not http:/],
      [{ url: 'https://bookings.test/admin', now }, /without a path/],
      [{ url: 'https://bookings.test?x=1', now }, /without a path/],
      [{ url: 'https://localhost', now }, /give --website-host/],
      [{ url: 'https://bookings.test', connect: 'bookings.test', now }, /--connect: not an IP address/],
      [{ url: 'https://bookings.test', connect: '127.0.0.1:0', now }, /--connect: not a port number: 0/],
      [{ url: 'https://bookings.test', websiteHost: 'a b', now }, /--website-host: not a host name/],
    ];
    for (const [options, message] of refusals) {
      assert.throws(
        () => resolveTarget(options),
        (error: unknown) => error instanceof UsageError && message.test(error.message),
        options.url,
      );
    }
  });
});
