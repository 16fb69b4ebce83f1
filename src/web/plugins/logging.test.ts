import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import { buildApp } from '../../app.js';
import { injectOnPublicHost, TEST_PUBLIC_URL, testAuthSettings } from '../../../test/app.js';
import { TestClock } from '../../../test/clock.js';
import { type TestDatabase, testDialects } from '../../../test/databases.js';
import { bookingRequest, makeActivity, makeSlot } from '../../../test/factories.js';
import { createLogger } from './logging.js';

const [sqlite] = testDialects();

describe('request logs', () => {
  let database: TestDatabase;
  before(async () => {
    database = await sqlite!.create();
  });
  after(() => database.close());

  test('never contain a manage token, a query string, personal data or an IP address, however the URL is written', async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const clock = new TestClock();
    const app = injectOnPublicHost(
      await buildApp({
        db: database.db,
        clock,
        publicUrl: TEST_PUBLIC_URL,
        auth: testAuthSettings(),
        loggerInstance: createLogger('info', stream),
      }),
    );
    const activity = await makeActivity(database.db, clock);
    const slot = await makeSlot(database.db, clock, activity);
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/bookings',
      payload: bookingRequest(slot.id, { name: 'Geheime Naam' }),
    });
    const token = new URL(created.json().manageUrl).pathname.slice(3);
    const variants = [
      `/b/${token}`,
      `/%62/${token}`,
      `//b/${token}`,
      `/./b/${token}`,
      `/api/../b/${token}`,
      `/b/${token}?x=jan@example.nl`,
    ];
    const statuses = [];
    for (const url of variants) statuses.push((await app.inject({ url, remoteAddress: '203.0.113.7' })).statusCode);
    await app.close();
    assert.equal(statuses[0], 200);
    assert.equal(statuses[1], 200, 'the router decodes %62 to b');
    const log = lines.join('');
    assert.ok(lines.length >= variants.length + 1, 'one line per request');
    for (const secret of [token, token.slice(0, 16), 'Geheime', 'jan@example.nl', '203.0.113.7'])
      assert.ok(!log.includes(secret), `log contains ${secret}`);
    assert.match(log, /"route":"\/b\/:token"/);
    assert.match(log, /"route":"\/api\/v1\/bookings","status":201/);
    for (const line of lines) {
      const { time } = JSON.parse(line) as { time: unknown };
      assert.match(String(time), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/, 'an ISO 8601 timestamp');
    }
  });
});
