import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Sqlite from 'better-sqlite3';
import { GROUPZ_COMMAND } from '../../groupz.js';
import { mollieEnv } from '../../mollie/payments.js';
import type { MollieStandIn } from '../../mollie/stand-in.js';
import { type ServerProcess, startServer } from '../../server-process.js';

const root = fileURLToPath(new URL('../../..', import.meta.url));

/** The shortest idle timeout the platform accepts (GROUPZ_SESSION_IDLE_TIMEOUT, seconds). */
export const IDLE_TIMEOUT = 60;

export interface Platform extends ServerProcess {
  dataDir: string;
  /** `groupz staff add` against this platform's data: the path of the setup link it prints. */
  addStaff(email: string, name: string): string;
  /** The manage link (path) of a mail sent to `to`, once the outbox job has written it. */
  manageLinkMailedTo(to: string): Promise<string>;
  /** The manage links (paths) of the mails sent to `to`, once the outbox job has written at least `count`. */
  manageLinksMailedTo(to: string, count: number): Promise<string[]>;
  /** The group sizes of the bookings placed for `email`, oldest first. */
  groupSizesBookedBy(email: string): number[];
  /** Moves a staff member's sessions' last activity back past the idle timeout, as if the browser sat idle. */
  idleSessions(email: string): void;
  close(): Promise<void>;
}

export interface PlatformOptions {
  /** Payments through this Mollie stand-in (GROUPZ_MOLLIE_API_URL), with `key` as the platform-wide key. */
  mollie?: { standIn: MollieStandIn; key: string };
}

/**
 * `groupz serve` on loopback with a data dir of its own (SQLite), the demo catalogue and the shortest
 * idle timeout; with `mollie`, taking payments at the stand-in (whose test CA the process trusts for
 * the stand-in's address only, through test/mollie/trust-preload.mjs).
 */
export async function startPlatform(options: PlatformOptions = {}): Promise<Platform> {
  const dataDir = mkdtempSync(join(tmpdir(), 'groupz-e2e-'));
  const env: Record<string, string> = {
    GROUPZ_DATA_DIR: dataDir,
    GROUPZ_DATABASE_URL: '',
    GROUPZ_DEMO: 'auto',
    GROUPZ_SESSION_IDLE_TIMEOUT: String(IDLE_TIMEOUT),
    ...(options.mollie ? mollieEnv(options.mollie.standIn, options.mollie.key) : {}),
  };
  const server = await startServer(env);
  const database = () => new Sqlite(join(dataDir, 'groupz.sqlite'));
  async function manageLinksMailedTo(to: string, count: number): Promise<string[]> {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const mailDir = join(dataDir, 'mail');
      const mails = existsSync(mailDir) ? readdirSync(mailDir).filter((name) => name.endsWith('.eml')) : [];
      const texts = mails.map((name) => readFileSync(join(mailDir, name), 'utf8').replace(/=\r?\n/g, ''));
      const links = texts
        .filter((text) => new RegExp(`^To: .*${to}`, 'mi').test(text))
        .map((text) => /https?:\/\/[^/\s]+(\/b\/[A-Za-z0-9_-]{43})/.exec(text)?.[1])
        .filter((link): link is string => link !== undefined);
      if (links.length >= count) return links;
      if (Date.now() > deadline) throw new Error(`no ${count} mails with a manage link to ${to} in ${join(dataDir, 'mail')}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  return {
    ...server,
    dataDir,
    addStaff(email, name) {
      const [node, ...groupzArgs] = GROUPZ_COMMAND;
      const cli = spawnSync(node!, [...groupzArgs, 'staff', 'add', '--email', email, '--name', name, '--role', 'admin'], {
        cwd: root,
        env: { ...process.env, ...env, GROUPZ_HOST: '127.0.0.1', PORT: new URL(server.url).port },
        encoding: 'utf8',
      });
      const link = /https?:\/\/\S+(\/staff\/setup\/\S+)/.exec(cli.stdout)?.[1];
      if (cli.status !== 0 || !link) throw new Error(`groupz staff add: ${cli.status} ${cli.stdout} ${cli.stderr}`);
      return link;
    },
    async manageLinkMailedTo(to) {
      return (await manageLinksMailedTo(to, 1))[0]!;
    },
    manageLinksMailedTo,
    groupSizesBookedBy(email) {
      const db = database();
      try {
        const rows = db.prepare('select group_size from bookings where organiser_email = ? order by created_at').all(email);
        return (rows as { group_size: number }[]).map((row) => row.group_size);
      } finally {
        db.close();
      }
    },
    idleSessions(email) {
      const db = database();
      try {
        const past = new Date(Date.now() - (IDLE_TIMEOUT + 1) * 1000).toISOString();
        const changed = db
          .prepare('update staff_sessions set last_seen_at = ? where staff_id = (select id from staff where email = ?)')
          .run(past, email).changes;
        if (changed === 0) throw new Error(`no session of ${email} to leave idle`);
      } finally {
        db.close();
      }
    },
    async close() {
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
