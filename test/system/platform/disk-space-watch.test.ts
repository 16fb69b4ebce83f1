import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statfsSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { simpleParser } from 'mailparser';
import { type TestDatabase, testDialects } from '../../databases.js';
import { parseHtml } from '../../html.js';
import { type ServerProcess, startServer } from '../../server-process.js';
import { base32Decode, rfc6238 } from '../../staff.js';
import { missingRequirement } from '../../tools.js';
import { connectDatabase, type DatabaseHandle } from '../../../src/db/connect.js';
import { systemClock } from '../../../src/core/shared/clock.js';
import { startSession } from '../../../src/core/staff/session.service.js';
import {
  addStaff,
  confirmTotpEnrolment,
  findSetupAccount,
  pendingTotpSecret,
  setSetupPassword,
} from '../../../src/core/staff/staff.service.js';
import { SESSION_COOKIE } from '../../../src/web/admin/session-cookie.js';

const MIB = 1024 * 1024;
/**
 * The file system's size, and the free space below which the platform warns (the data directory's
 * limit for this test). Room for the database and its WAL after the migrations: about 4 MB, the WAL
 * copied by the background checkpoint but not yet started over (src/db/sqlite-checkpoints.ts).
 */
const TMPFS_MIB = 16;
const TMPFS_SIZE = `${TMPFS_MIB}m`;
const WARN_SIZE = 3 * MIB;
const ADMIN = 'beheer@groupz.test';

/** Mounts a tmpfs of TMPFS_SIZE on a new directory; undefined when the mount is refused (not root, no tmpfs). */
function mountTmpfs(): string | undefined {
  const dir = mkdtempSync(join(tmpdir(), 'groupz-small-disk-'));
  if (spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${TMPFS_SIZE}`, 'tmpfs', dir]).status === 0) return dir;
  rmSync(dir, { recursive: true, force: true });
  return undefined;
}

function unmount(dir: string): void {
  spawnSync('umount', [dir]);
  rmSync(dir, { recursive: true, force: true });
}

function freeBytes(dir: string): number {
  const stats = statfsSync(dir);
  return stats.bavail * stats.bsize;
}

/** Polls `found` every 100 ms until it gives something; fails after `seconds` with what the server said. */
async function waitFor<T>(what: string, server: ServerProcess, seconds: number, found: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    const value = await found();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what} after ${seconds} s: ${server.stderr()} ${server.logs()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The subjects of the mails the platform wrote into `<data dir>/mail/` for `recipient`. */
async function mailSubjects(dataDir: string, recipient: string): Promise<string[]> {
  const folder = join(dataDir, 'mail');
  if (!existsSync(folder)) return [];
  const mails = await Promise.all(
    readdirSync(folder)
      .filter((name) => name.endsWith('.eml'))
      .map((name) => simpleParser(readFileSync(join(folder, name)))),
  );
  return mails.filter((mail) => JSON.stringify(mail.to ?? '').includes(recipient)).map((mail) => mail.subject ?? '');
}

const probe = mountTmpfs();
if (!probe) {
  missingRequirement('mounting a tmpfs (mount -t tmpfs, as root)', 'run the system tests as root on a kernel that allows tmpfs mounts');
} else {
  unmount(probe);
  for (const dialect of testDialects()) {
    describe(`groupz serve on a data directory that fills up (${dialect.name})`, () => {
      let database: TestDatabase | undefined;
      let handle: DatabaseHandle;
      let dataDir: string;
      let server: ServerProcess;
      const secretKey = randomBytes(32);

      before(async () => {
        dataDir = mountTmpfs()!;
        // SQLite lives in the data directory (on the small disk, as in production), migrated by serve itself.
        if (dialect.name === 'postgres') database = await dialect.create();
        server = await startServer({
          GROUPZ_DATA_DIR: dataDir,
          GROUPZ_DATABASE_URL: database?.env.GROUPZ_DATABASE_URL ?? '',
          GROUPZ_SECRET_KEY: secretKey.toString('hex'),
          GROUPZ_DISK_WARN_PERCENT: '0',
          GROUPZ_DISK_WARN_SIZE: String(WARN_SIZE),
          GROUPZ_WATCH_INTERVAL: '1',
        });
        handle = database ?? connectDatabase({ sqliteFile: join(dataDir, 'groupz.sqlite') });
      });
      after(async () => {
        await server?.stop();
        if (database) await database.close();
        else await handle?.close();
        unmount(dataDir);
      });

      test('filled below the limit, the admins get the warning in <data dir>/mail/ and the back office shows it; emptied, the notice goes', async () => {
        const { db } = handle;
        const { member, setupToken } = await addStaff(db, systemClock, { email: ADMIN, name: 'Beheer', role: 'admin' }, null);
        await setSetupPassword(db, systemClock, secretKey, setupToken, 'correct horse battery staple');
        const row = await findSetupAccount(db, systemClock, setupToken);
        const code = rfc6238(base32Decode(pendingTotpSecret(secretKey, row)!), Math.floor(Date.now() / 1000));
        await confirmTotpEnrolment(db, systemClock, secretKey, row, code, { actor: member });
        const token = await startSession(db, systemClock, member.id, { verified: true, userAgent: 'disk-space test' });
        const home = async () => {
          const response = await fetch(`${server.url}/admin`, {
            headers: { cookie: `${SESSION_COOKIE}=${token}`, 'user-agent': 'disk-space test' },
          });
          assert.equal(response.status, 200);
          return parseHtml(await response.text()).querySelector('[data-testid="disk-low"]');
        };

        assert.ok(freeBytes(dataDir) > WARN_SIZE + MIB, `room to fill: ${freeBytes(dataDir)} bytes free`);
        assert.equal(await home(), null, 'no notice while there is room');

        // A file grows until less than the limit is left (as a log or an upload might), with room for the mail itself.
        const filler = join(dataDir, 'filler.bin');
        writeFileSync(filler, Buffer.alloc(freeBytes(dataDir) - WARN_SIZE + MIB));
        assert.ok(freeBytes(dataDir) < WARN_SIZE);

        const notice = await waitFor('no notice in the back office', server, 20, async () => (await home()) ?? undefined);
        assert.match(
          notice.textContent,
          new RegExp(`de gegevensmap ${dataDir} op ${hostname()} heeft nog [\\d,]+ MiB vrij van ${TMPFS_MIB} MiB`),
        );
        // The outbox goes out every 15 seconds: written as .eml into the data directory, on the nearly full disk.
        const subjects = await waitFor('no warning mail', server, 30, async () => {
          const found = await mailSubjects(dataDir, ADMIN);
          return found.length > 0 ? found : undefined;
        });
        assert.deepEqual(subjects, [`Weinig schijfruimte op ${hostname()} / Low disk space on ${hostname()}`]);

        rmSync(filler);
        await waitFor('the notice stayed', server, 20, async () => ((await home()) === null ? true : undefined));
        assert.deepEqual(await mailSubjects(dataDir, ADMIN), subjects, 'one warning for the whole time, not one per look');
      });
    });
  }
}
