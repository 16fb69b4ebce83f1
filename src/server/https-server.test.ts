import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { INSTALL_OPENSSL } from '../../test/certificates.js';
import { testDialects } from '../../test/databases.js';
import { http2Request, type HttpsApp, listenOverHttps } from '../../test/https-app.js';
import { hasTool, missingRequirement } from '../../test/tools.js';

const [sqlite] = testDialects();

if (!hasTool('openssl')) missingRequirement('openssl', INSTALL_OPENSSL);
else
  describe('the HTTPS server: HTTP/2 limits', () => {
    let site: HttpsApp;
    before(async () => {
      site = await listenOverHttps(sqlite!);
    });
    after(() => site.close());

    test('a real HTTP/2 client is told 100 concurrent streams and a 16 KiB header list (Node advertises unlimited)', async (c) => {
      const session = await site.http2();
      try {
        const { maxConcurrentStreams, maxHeaderListSize } = session.remoteSettings;
        c.diagnostic(`SETTINGS: maxConcurrentStreams ${maxConcurrentStreams}, maxHeaderListSize ${maxHeaderListSize}`);
        assert.equal(maxConcurrentStreams, 100);
        assert.equal(maxHeaderListSize, 16 * 1024);
        assert.equal((await http2Request(session, { ':path': '/healthz' })).status, 200);
      } finally {
        session.close();
      }
    });

    test('a header list over the limit is refused, and the session serves on', async () => {
      const session = await site.http2();
      try {
        // The client keeps to what the server advertised: it refuses to send the stream itself.
        await assert.rejects(http2Request(session, { ':path': '/healthz', 'x-big': 'b'.repeat(20_000) }));
        assert.equal((await http2Request(session, { ':path': '/healthz' })).status, 200);
      } finally {
        session.close();
      }
    });
  });
