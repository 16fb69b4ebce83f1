import { createHash, randomBytes } from 'node:crypto';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { type LatencySummary, summarize } from './latency.js';

/**
 * The database's own limit for bookings, the reference every booking figure is a share of: the
 * smallest transaction a booking can be, written with the driver and no platform code around it.
 * One conditional UPDATE of a slot's counter (refusing a group that does not fit) and one INSERT of
 * a booking row of the platform's size (names, address, phone, a price breakdown, two token
 * hashes, unique indexes on the reference and a hash), committed one booking per transaction with
 * the platform's durability: on SQLite one writer in WAL mode with `synchronous = FULL`, as
 * src/db/connect.ts opens it; on PostgreSQL a pool of 10 connections (the platform's) shared by 20
 * callers, each booking one statement in its own transaction, with the server's settings.
 */
export interface RawLimit {
  /** Bookings a second spread at random over 240 slots. */
  bookingsPerSecond: number;
  spread: RawRun;
  /** Every booking into one slot. */
  hot: RawRun;
  callers: number;
}

export interface RawRun {
  bookings: number;
  seconds: number;
  bookingsPerSecond: number;
  latency: LatencySummary;
}

const SLOTS = 240;
const POOL_SIZE = 10;
const PG_CALLERS = 20;

const TABLES = [
  `create table bench_raw_slots (id text primary key, capacity integer not null, booked_persons integer not null)`,
  `create table bench_raw_bookings (
    id text primary key, reference text not null unique, slot_id text not null references bench_raw_slots (id),
    status text not null, group_size integer not null, organiser_name text not null, organiser_email text not null,
    organiser_phone text not null, organisation text not null, language text not null, total_cents integer not null,
    vat_cents integer not null, price_breakdown text not null, manage_token_hash text not null unique,
    participant_token_hash text not null, created_at text not null, updated_at text not null)`,
  `create index bench_raw_bookings_slot on bench_raw_bookings (slot_id)`,
];
const DROP = ['drop table if exists bench_raw_bookings', 'drop table if exists bench_raw_slots'];

const PRICE = JSON.stringify({
  lines: [{ label: { nl: 'Toegang', en: 'Entrance' }, basis: 'person', quantity: 4, unitCents: 1250, vat: 'low', totalCents: 5000 }],
  totalCents: 5000,
  vatCents: 413,
  vatLines: [{ rate: 'low', percent: 9, baseCents: 4587, vatCents: 413 }],
});

const hash = () => createHash('sha256').update(randomBytes(32)).digest('hex');

/** The values of the n-th booking row, in the column order of the INSERTs below. */
function row(n: number, slotId: string, groupSize: number): unknown[] {
  const now = new Date().toISOString();
  return [
    randomBytes(12).toString('base64url'),
    `GZ-${randomBytes(5).toString('hex').toUpperCase()}`,
    slotId,
    'confirmed',
    groupSize,
    `Organiser ${n}`,
    `organiser${n}@example.nl`,
    '+31 6 12345678',
    'Basisschool De Linde',
    'nl',
    groupSize * 1250,
    Math.round((groupSize * 1250 * 9) / 109),
    PRICE,
    hash(),
    hash(),
    now,
    now,
  ];
}

const COLUMNS =
  'id, reference, slot_id, status, group_size, organiser_name, organiser_email, organiser_phone, organisation, language, total_cents, vat_cents, price_breakdown, manage_token_hash, participant_token_hash, created_at, updated_at';

const slotIds = Array.from({ length: SLOTS }, (_, i) => `raw-slot-${i}`);
const slotFor = (mode: 'hot' | 'spread') => (mode === 'hot' ? slotIds[0]! : slotIds[Math.floor(Math.random() * SLOTS)]!);

function runOf(latencies: number[], start: number): RawRun {
  const seconds = (performance.now() - start) / 1000;
  return { bookings: latencies.length, seconds, bookingsPerSecond: latencies.length / seconds, latency: summarize(latencies) };
}

/** SQLite: one writer on the platform's database file, opened as the platform opens it. */
function sqliteRun(file: string, mode: 'hot' | 'spread', seconds: number): RawRun {
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('busy_timeout = 5000');
  try {
    const take = sqlite.prepare(
      'update bench_raw_slots set booked_persons = booked_persons + ? where id = ? and booked_persons + ? <= capacity',
    );
    const insert = sqlite.prepare(
      `insert into bench_raw_bookings (${COLUMNS}) values (${COLUMNS.split(',')
        .map(() => '?')
        .join(', ')})`,
    );
    const begin = sqlite.prepare('begin immediate');
    const commit = sqlite.prepare('commit');
    const latencies: number[] = [];
    const start = performance.now();
    for (let n = 0; performance.now() - start < seconds * 1000; n++) {
      const sent = performance.now();
      const slotId = slotFor(mode);
      const groupSize = (n % 10) + 1;
      begin.run();
      if (take.run(groupSize, slotId, groupSize).changes === 1) insert.run(...row(n, slotId, groupSize));
      commit.run();
      latencies.push(performance.now() - sent);
    }
    return runOf(latencies, start);
  } finally {
    sqlite.close();
  }
}

/** PostgreSQL: 20 callers on a pool of 10, each booking one statement (the UPDATE feeding the INSERT), so one round trip. */
async function postgresRun(pool: pg.Pool, mode: 'hot' | 'spread', seconds: number): Promise<RawRun> {
  // Parameters in a SELECT list carry no type of their own: each is cast to its column's.
  const integers = new Set(['group_size', 'total_cents', 'vat_cents']);
  const values = COLUMNS.split(', ').map((column, i) =>
    i === 2 ? 'taken.id' : `$${i < 2 ? i + 3 : i + 2}::${integers.has(column) ? 'integer' : 'text'}`,
  );
  const text = `with taken as (update bench_raw_slots set booked_persons = booked_persons + $1 where id = $2 and booked_persons + $1 <= capacity returning id)
    insert into bench_raw_bookings (${COLUMNS}) select ${values.join(', ')} from taken`;
  const latencies: number[] = [];
  let n = 0;
  const start = performance.now();
  const caller = async () => {
    while (performance.now() - start < seconds * 1000) {
      const sent = performance.now();
      const slotId = slotFor(mode);
      const groupSize = (n % 10) + 1;
      const [id, reference, , ...rest] = row(n++, slotId, groupSize);
      await pool.query(text, [groupSize, slotId, id, reference, ...rest]);
      latencies.push(performance.now() - sent);
    }
  };
  await Promise.all(Array.from({ length: PG_CALLERS }, caller));
  return runOf(latencies, start);
}

async function withPostgres<T>(url: string, use: (pool: pg.Pool) => Promise<T>): Promise<T> {
  const pool = new pg.Pool({ connectionString: url, max: POOL_SIZE });
  try {
    return await use(pool);
  } finally {
    await pool.end();
  }
}

/** Measures the raw limit on the run's database (its own two tables, dropped after): hot, then spread, `seconds` each. */
export async function measureRawLimit(target: { sqliteFile: string } | { pgUrl: string }, seconds: number): Promise<RawLimit> {
  const slots = slotIds.map((id) => [id, 1_000_000_000, 0]);
  if ('sqliteFile' in target) {
    const setUp = new SQLite(target.sqliteFile);
    for (const statement of [...DROP, ...TABLES]) setUp.exec(statement);
    const insertSlot = setUp.prepare('insert into bench_raw_slots (id, capacity, booked_persons) values (?, ?, ?)');
    setUp.transaction(() => slots.forEach((slot) => insertSlot.run(...slot)))();
    setUp.close();
    const hot = sqliteRun(target.sqliteFile, 'hot', seconds);
    const spread = sqliteRun(target.sqliteFile, 'spread', seconds);
    const tearDown = new SQLite(target.sqliteFile);
    for (const statement of DROP) tearDown.exec(statement);
    tearDown.close();
    return { bookingsPerSecond: spread.bookingsPerSecond, hot, spread, callers: 1 };
  }
  return withPostgres(target.pgUrl, async (pool) => {
    for (const statement of [...DROP, ...TABLES]) await pool.query(statement);
    for (const slot of slots) await pool.query('insert into bench_raw_slots (id, capacity, booked_persons) values ($1, $2, $3)', slot);
    try {
      const hot = await postgresRun(pool, 'hot', seconds);
      const spread = await postgresRun(pool, 'spread', seconds);
      return { bookingsPerSecond: spread.bookingsPerSecond, hot, spread, callers: PG_CALLERS };
    } finally {
      for (const statement of DROP) await pool.query(statement);
    }
  });
}
