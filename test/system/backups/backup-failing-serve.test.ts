import assert from 'node:assert/strict';
import { MAX_GROUP_SIZE } from '../../../src/core/shared/group-size.js';
import { once } from 'node:events';
import { rmSync, writeFileSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { tempDir, testBackupSettings } from '../../backups.js';
import { type TestDatabase, testDialects } from '../../databases.js';
import { bookingRequest, makeActivity, makeSlot } from '../../factories.js';
import { addSetUpMember } from '../../lifecycle.js';
import { BOOKING_LIMITS_OFF, freePort, type ServerProcess, startServer } from '../../server-process.js';
import { hasTool, missingRequirement } from '../../tools.js';
import { listBackupRuns } from '../../../src/core/backups/backup-runs.repository.js';
import { systemClock } from '../../../src/core/shared/clock.js';
import { addLocalDays, localDateOf } from '../../../src/core/shared/time.js';

/** An SSH server that accepts TCP connections and never sends its banner: a second location that hangs. */
async function startSilentSshd() {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
  });
  server.listen(await freePort(), '127.0.0.1');
  await once(server, 'listening');
  return {
    port: (server.address() as { port: number }).port,
    close: async () => {
      sockets.forEach((socket) => socket.destroy());
      server.close();
      await once(server, 'close');
    },
  };
}

if (!hasTool('restic') || !hasTool('ssh')) {
  missingRequirement('restic and ssh (backups failing under groupz serve)', 'apt-get install -y restic openssh-client');
} else {
  for (const dialect of testDialects()) {
    describe(`groupz serve while both backup locations fail (${dialect.name})`, () => {
      let database: TestDatabase;
      let sshd: Awaited<ReturnType<typeof startSilentSshd>>;
      let dir: string;
      let server: ServerProcess;

      before(async () => {
        database = await dialect.create();
        await addSetUpMember(database.db, 'beheer@groupz.test', 'admin', null);
        sshd = await startSilentSshd();
        dir = tempDir();
        const settings = testBackupSettings(dir, { local: '/dev/null/repo', remote: undefined });
        // Files as the settings ask for them; the server they are for never answers.
        writeFileSync(join(dir, 'id_ed25519'), 'not a key\n', { mode: 0o600 });
        writeFileSync(join(dir, 'known_hosts'), '');
        // A fresh deployment: the backup is due at once, as the server starts.
        server = await startServer({
          ...database.env,
          ...BOOKING_LIMITS_OFF,
          // A path under a file: the local repository cannot be made.
          GROUPZ_BACKUP_LOCAL_REPO: '/dev/null/repo',
          GROUPZ_BACKUP_REMOTE_REPO: `sftp://groupz@127.0.0.1:${sshd.port}//srv/groupz`,
          GROUPZ_BACKUP_PASSWORD_FILE: settings.passwordFile,
          GROUPZ_BACKUP_SSH_KEY_FILE: join(dir, 'id_ed25519'),
          GROUPZ_BACKUP_SSH_KNOWN_HOSTS_FILE: join(dir, 'known_hosts'),
        });
      });

      after(async () => {
        await server?.stop();
        await sshd.close();
        await database.close();
        rmSync(dir, { recursive: true, force: true });
      });

      test('bookings go on at their pace while the backup run fails; each failure is recorded and mailed to the admins', async (t) => {
        const activity = await makeActivity(database.db, systemClock);
        const slot = await makeSlot(database.db, systemClock, activity, {
          date: addLocalDays(localDateOf(new Date()), 30),
          // Room for every booking sent, one after another, until the runs end (about 15 s).
          capacity: MAX_GROUP_SIZE,
        });
        const latencies: number[] = [];
        const deadline = Date.now() + 120_000;
        let finished: Awaited<ReturnType<typeof listBackupRuns>> = [];
        let during = 0;
        // Book one after another until both locations' runs have ended.
        for (let i = 0; ; i += 1) {
          const runs = await listBackupRuns(database.db, 10);
          finished = runs.filter((run) => run.status !== 'running');
          if (finished.length >= 2) break;
          assert.ok(Date.now() < deadline, `the backup runs did not end: ${JSON.stringify(runs)} ${server.stderr()}`);
          if (runs.length > 0) during += 1;
          const start = performance.now();
          const res = await fetch(`${server.url}/api/v1/bookings`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(bookingRequest(slot.id, { email: `b${i}.${dialect.name}@example.nl`, groupSize: 1 })),
          });
          assert.equal(res.status, 201, await res.text());
          latencies.push(performance.now() - start);
        }
        latencies.sort((a, b) => a - b);
        const p95 = latencies[Math.ceil(0.95 * latencies.length) - 1]!;
        const max = latencies.at(-1)!;
        t.diagnostic(
          `${latencies.length} bookings (${during} while a backup run was recorded as under way): p95 ${p95.toFixed(0)} ms, max ${max.toFixed(0)} ms`,
        );
        assert.ok(during > 0, 'bookings were placed while the backup ran');
        assert.ok(p95 < 1000 && max < 3000, `p95 ${p95} ms, max ${max} ms`);
        assert.deepEqual(finished.map((run) => [run.location, run.status]).sort(), [
          ['local', 'failed'],
          ['remote', 'failed'],
        ]);
        assert.ok((await fetch(`${server.url}/healthz`)).ok, 'still healthy');
        const alerts = await database.db
          .selectFrom('mail_outbox')
          .select(['kind', 'recipient'])
          .where('kind', '=', 'backup_failed')
          .execute();
        assert.deepEqual(
          alerts.map((a) => a.recipient).sort(),
          ['beheer@groupz.test', 'beheer@groupz.test'],
          'one alert per failed location',
        );
      });
    });
  }
}
