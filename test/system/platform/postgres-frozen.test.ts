import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { unavailableProblems } from '../../booking-load.js';
import { type OwnPostgres, postgresBinaries, startOwnPostgres } from '../../own-postgres.js';
import { type ServerProcess, startServer } from '../../server-process.js';
import { missingRequirement } from '../../tools.js';
import { runTool } from '../../tools.js';
import { connectDatabase, type DatabaseHandle } from '../../../src/db/connect.js';
import { migrateToLatest } from '../../../src/db/migrate.js';
import { PING_TIMEOUT_MS } from '../../../src/db/ping.js';
import { QUERY_TIMEOUT_MS } from '../../../src/db/pg-query-timeout.js';

const bin = postgresBinaries();
if (!bin)
  missingRequirement('PostgreSQL server programs (initdb, pg_ctl)', `install the postgresql package (none under /usr/lib/postgresql)`);

/** Slack for the answer's own work and a busy machine. */
const SLACK_MS = 4_000;

/**
 * The own cluster's postmaster and its children, checked to be that cluster's (the postmaster's
 * command line names its data directory): never the machine's own server.
 */
async function clusterProcesses(postgres: OwnPostgres): Promise<number[]> {
  const postmaster = Number(readFileSync(`${postgres.dataDir}/postmaster.pid`, 'utf8').split('\n')[0]);
  const command = readFileSync(`/proc/${postmaster}/cmdline`, 'utf8').split('\0');
  assert.ok(command.includes(postgres.dataDir), `process ${postmaster} is not the own cluster's: ${command.join(' ')}`);
  const { code, output } = await runTool('ps', ['--ppid', String(postmaster), '-o', 'pid='], 10);
  assert.equal(code, 0, output);
  return [
    postmaster,
    ...output
      .split('\n')
      .filter((line) => line.trim())
      .map(Number),
  ];
}

async function signal(postgres: OwnPostgres, name: 'SIGSTOP' | 'SIGCONT'): Promise<void> {
  for (const pid of await clusterProcesses(postgres)) process.kill(pid, name);
}

/** The answer and how long it took; fails the test, rather than waiting on, after `limitMs`. */
async function timed(
  url: string,
  limitMs: number,
  headers: Record<string, string> = {},
): Promise<{ status: number; ms: number; response: Response }> {
  const started = performance.now();
  const response = await fetch(url, { headers, signal: AbortSignal.timeout(limitMs) }).catch((error: unknown) =>
    assert.fail(`${url}: no answer within ${limitMs} ms (${String(error)})`),
  );
  return { status: response.status, ms: performance.now() - started, response };
}

describe('groupz serve on PostgreSQL, the database frozen (answering nothing, refusing nothing) and thawed', { skip: !bin }, () => {
  let postgres: OwnPostgres;
  let database: DatabaseHandle;
  let server: ServerProcess | undefined;
  let frozen = false;
  before(async () => {
    postgres = await startOwnPostgres(bin!);
    database = connectDatabase({ url: postgres.url, sqliteFile: '' });
    await migrateToLatest(database.db);
    await database.close();
  });
  after(async () => {
    if (frozen) await signal(postgres, 'SIGCONT');
    await server?.stop();
    await postgres?.remove();
  });

  test(
    'answers /healthz 503 JSON within its bound and every request 503 within the query bound, then serves again',
    { timeout: 180_000 },
    async (t) => {
      server = await startServer({ GROUPZ_DATABASE_URL: postgres.url });
      const url = server.url;
      // Connections in the pool first: the frozen server then holds statements on them, not only new connections.
      const warm = await Promise.all(Array.from({ length: 6 }, () => fetch(`${url}/api/v1/activities`)));
      assert.deepEqual(
        warm.map((r) => r.status),
        Array(6).fill(200),
      );

      await signal(postgres, 'SIGSTOP');
      frozen = true;
      const pages = Array.from({ length: 6 }, (_, i) =>
        i % 2
          ? timed(`${url}/api/v1/activities`, QUERY_TIMEOUT_MS + SLACK_MS, { 'accept-language': 'en' })
          : timed(`${url}/`, QUERY_TIMEOUT_MS + SLACK_MS, { 'accept-language': 'nl' }),
      );
      const health = await timed(`${url}/healthz`, PING_TIMEOUT_MS + SLACK_MS);
      assert.equal(health.status, 503);
      assert.ok(health.ms < PING_TIMEOUT_MS + SLACK_MS, `/healthz answered after ${Math.round(health.ms)} ms`);
      assert.equal(health.response.headers.get('content-type'), 'application/json; charset=utf-8');
      assert.deepEqual(await health.response.json(), { status: 'unavailable', checks: { database: 'unavailable' } });

      const answers = await Promise.all(pages);
      t.diagnostic(`while frozen: ${answers.map((a) => `${a.status} after ${Math.round(a.ms)} ms`).join(', ')}`);
      for (const [i, answer] of answers.entries()) {
        assert.equal(answer.status, 503, `request ${i}`);
        assert.ok(answer.ms < QUERY_TIMEOUT_MS + SLACK_MS, `request ${i} answered after ${Math.round(answer.ms)} ms`);
        if (i % 2) assert.deepEqual(unavailableProblems(answer.response, await answer.response.json()), []);
        else assert.match(await answer.response.text(), /<h1>Tijdelijk niet beschikbaar<\/h1>/);
      }
      const againHealth = await timed(`${url}/healthz`, PING_TIMEOUT_MS + SLACK_MS);
      assert.equal(againHealth.status, 503);
      assert.ok(againHealth.ms < PING_TIMEOUT_MS + SLACK_MS, `/healthz answered after ${Math.round(againHealth.ms)} ms the second time`);

      await signal(postgres, 'SIGCONT');
      frozen = false;
      let served = 0;
      for (let tries = 0; tries < 30 && served !== 200; tries++) {
        served = (await fetch(`${url}/api/v1/activities`)).status;
        if (served !== 200) await new Promise((resolve) => setTimeout(resolve, 500));
      }
      assert.equal(served, 200, 'it serves again once thawed, without a restart');
      assert.equal(server.process.exitCode, null, 'the same process served throughout');
    },
  );
});
