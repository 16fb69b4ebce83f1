import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import pg from 'pg';
import { testDialects } from '../../test/databases.js';
import { cutOnQueryTimeout, QUERY_TIMEOUT_MESSAGE } from './pg-query-timeout.js';
import { isDatabaseUnavailable } from './unavailable.js';

describe('a PostgreSQL statement not answered in time', () => {
  for (const dialect of testDialects().filter((d) => d.name === 'postgres')) {
    test('fails as unavailable, and cuts its connection: the statements after it fail at once, the pool opens a new one', async () => {
      const database = await dialect.create();
      const pool = new pg.Pool({ connectionString: database.env.GROUPZ_DATABASE_URL!, max: 1, query_timeout: 300 });
      pool.on('error', () => {});
      pool.on('connect', (client) => {
        client.on('error', () => {});
        cutOnQueryTimeout(client);
      });
      try {
        const client = await pool.connect();
        let pid: number, slow: unknown, next: unknown, waited: number;
        try {
          pid = ((await client.query('select pg_backend_pid() as pid')).rows[0] as { pid: number }).pid;
          // pg_sleep stands in for a server that does not answer: the statement is in flight.
          slow = await client.query('select pg_sleep(5)').catch((error: unknown) => error);
          const started = performance.now();
          next = await client.query('select 1').catch((error: unknown) => error);
          waited = performance.now() - started;
        } finally {
          client.release();
        }
        assert.equal((slow as Error).message, QUERY_TIMEOUT_MESSAGE);
        assert.ok(isDatabaseUnavailable(slow));
        assert.ok(next instanceof Error, 'the statement after it fails rather than waiting behind it');
        assert.ok(isDatabaseUnavailable(next), String(next));
        assert.ok(waited < 200, `it fails at once, not after another timeout: ${Math.round(waited)} ms`);

        const again = await pool.connect();
        try {
          const newPid = ((await again.query('select pg_backend_pid() as pid')).rows[0] as { pid: number }).pid;
          assert.notEqual(newPid, pid, 'the pool opened a new connection');
        } finally {
          again.release();
        }
      } finally {
        await pool.end();
        await database.close();
      }
    });
  }
});
