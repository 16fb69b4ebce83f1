import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { type TestDatabase, testDialects } from '../../databases.js';
import { bookingRequest, makeActivity, makeSlot } from '../../factories.js';
import { BOOKING_LIMITS_OFF, type ServerProcess, startServer } from '../../server-process.js';
import { hasTool, missingRequirement } from '../../tools.js';
import { systemClock } from '../../../src/core/shared/clock.js';
import { addLocalDays, localDateOf } from '../../../src/core/shared/time.js';

const BURST = 40;
const sqlite = testDialects().find((dialect) => dialect.name === 'sqlite')!;

/** One system call as strace printed it (-f -y -ttt -T): thread, entry and exit in seconds, the call's text. */
interface Call {
  tid: number;
  entry: number;
  exit: number;
  text: string;
}

/**
 * The calls of strace's output, a call split by another thread's (`<unfinished ...>`, then `<...
 * resumed>`) joined again, with its exit from its duration (-T).
 */
function callsOf(output: string): Call[] {
  const open = new Map<number, { entry: number; text: string }>();
  const calls: Call[] = [];
  for (const line of output.split('\n')) {
    const match = /^(\d+)\s+(\d+\.\d+) (.*?)(?: <(\d+\.\d+)>)?$/.exec(line);
    if (!match) continue;
    const [, tid, at, text, took] = match;
    if (text!.endsWith(' <unfinished ...>')) {
      open.set(Number(tid), { entry: Number(at), text: text!.slice(0, -' <unfinished ...>'.length) });
      continue;
    }
    const resumed = /^<\.\.\. \w+ resumed>/.exec(text!);
    const started = resumed ? open.get(Number(tid)) : undefined;
    const entry = started?.entry ?? Number(at);
    const whole = started ? started.text + text!.slice(resumed![0].length) : text!;
    calls.push({ tid: Number(tid), entry, exit: entry + Number(took ?? 0), text: whole });
  }
  return calls;
}

/**
 * strace attached to every thread of `pid` (and to those it starts later), writing to `file`; resolves once
 * it has attached to all (it says "Process N attached with M threads" once it has).
 */
async function attachStrace(pid: number, file: string): Promise<ChildProcess> {
  const args = ['-f', '-y', '-ttt', '-T', '-s', '40', '-e', 'trace=pwrite64,write,writev,fsync,fdatasync', '-o', file, '-p', String(pid)];
  const strace = spawn('strace', args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  await new Promise<void>((resolve, reject) => {
    strace.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (stderr.includes(`Process ${pid} attached`)) resolve();
    });
    strace.once('exit', (code) => reject(new Error(`strace exited with ${code}: ${stderr}`)));
  });
  return strace;
}

if (!hasTool('strace')) missingRequirement('strace', 'apt-get install strace (the durability of SQLite commits is read from system calls)');
else
  describe('groupz serve on SQLite, the disk under a booking', () => {
    let database: TestDatabase;
    let server: ServerProcess | undefined;
    let dir: string;
    before(async () => {
      database = await sqlite.create();
      dir = mkdtempSync(join(tmpdir(), 'groupz-strace-'));
    });
    after(async () => {
      await server?.stop();
      await database.close();
      rmSync(dir, { recursive: true, force: true });
    });

    test('each 201 follows a flush of the WAL holding its commit', { timeout: 90_000 }, async (t) => {
      const activity = await makeActivity(database.db, systemClock, { maxGroupSize: 10 });
      const slot = await makeSlot(database.db, systemClock, activity, { date: addLocalDays(localDateOf(new Date()), 30), capacity: 500 });
      server = await startServer({ ...database.env, ...BOOKING_LIMITS_OFF });
      const pid = server.process.pid!;
      const traceFile = join(dir, 'strace.txt');
      const strace = await attachStrace(pid, traceFile);
      const answers = await Promise.all(
        Array.from({ length: BURST }, async (_, i) => {
          const res = await fetch(`${server!.url}/api/v1/bookings`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(bookingRequest(slot.id, { groupSize: 2, email: `durable${i}@example.nl` })),
          });
          await res.arrayBuffer();
          return res.status;
        }),
      );
      strace.kill('SIGINT');

      await new Promise((resolve) => strace.once('exit', resolve));
      assert.deepEqual(answers, Array<number>(BURST).fill(201));

      const calls = callsOf(readFileSync(traceFile, 'utf8'));
      const walWrites = calls.filter((c) => c.text.startsWith('pwrite64(') && /-wal>,/.test(c.text));
      const walFlushes = calls.filter((c) => /^f(data)?sync\(\d+<[^>]*-wal>\)/.test(c.text) && / = 0$/.test(c.text));
      const created = calls.filter((c) => c.tid === pid && /^writev?\(\d+<(socket|TCP)/.test(c.text) && c.text.includes('HTTP/1.1 201'));
      t.diagnostic(`${walWrites.length} writes and ${walFlushes.length} flushes of the WAL, ${created.length} answers 201`);
      assert.equal(created.length, BURST, 'every 201 seen written to its socket');
      assert.ok(walWrites.length > 0, 'the bookings were written to the WAL');

      // Durable before answered: the last write of the WAL before each 201 (its commit, or one
      // after it) is followed by a flush of the WAL that returned before the 201 was written.
      for (const answer of created) {
        const lastWrite = walWrites.filter((w) => w.exit <= answer.entry).at(-1)!;
        assert.ok(lastWrite, 'a write of the WAL comes before the 201');
        assert.ok(
          walFlushes.some((f) => f.entry >= lastWrite.exit && f.exit <= answer.entry),
          `a flush of the WAL between its last write (${lastWrite.exit}) and the 201 (${answer.entry})`,
        );
      }
    });
  });
