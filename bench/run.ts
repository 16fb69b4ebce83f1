// `npm run bench`: the platform's throughput, latency, start time and memory, measured against the
// built code in separate processes on a fresh database. See docs/performance.md.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BookingClient } from './http-client.js';
import { type Book, bookAsFastAsPossible, bookAtRate } from './booking-runs.js';
import { cleanUp, cleanUpOnSignals } from './cleanup.js';
import { answerSizes, compressedReads } from './compression.js';
import { coldStarts, timeStart } from './cold-start.js';
import { createBenchDatabase } from './database.js';
import { PeakRss, rssMb } from './memory.js';
import { checkOversell } from './oversell-check.js';
import { parseOptions, USAGE, type BenchOptions } from './options.js';
import { BENCH_SETTINGS, startPlatform, type PlatformProcess } from './platform-process.js';
import { bookInProcess, IN_PROCESS_CALLERS } from './in-process-bookings.js';
import { measureMail } from './mail-throughput.js';
import { measureRawLimit } from './raw-limit.js';
import { readLoad } from './read-load.js';
import { type BenchFigures, machineCores, renderReport, writeJson } from './report.js';
import { seedActivity, seedSlots, seedSpreadSlots, seedVenue, MAX_SLOT_CAPACITY } from './seed.js';
import { clearResourceSeason, seedResourceSeason } from './resource-season.js';
import { SlotPool, sizeFor } from './slot-pool.js';
import type { Db } from '../src/db/schema.js';
import type { Venue } from '../src/core/catalog/activity.js';
import { STYLESHEET_PATH } from '../src/web/public-assets.js';

const COLD_STARTS = 5;
const READ_DAYS = 14;
const READ_SLOTS_PER_DAY = 6;

const progress = (text: string) => process.stderr.write(`bench: ${text}\n`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A warm-up (which also tells how fast bookings go), then the hot slot and the spread rush, sized to fill in about `seconds`. */
async function rushes(book: Book, db: Db, venue: Venue, workers: number, seconds: number, label: string) {
  const warmSlots = await seedSlots(db, await seedActivity(db, venue, `${label}-warm`), 5, MAX_SLOT_CAPACITY, 7);
  const warm = await bookAsFastAsPossible(book, new SlotPool(warmSlots, 'spread'), workers, 2);
  progress(`${label}: warm-up ${warm.bookingsPerSecond.toFixed(0)} bookings/s`);
  const hotSize = sizeFor(warm.bookingsPerSecond, seconds, 'hot');
  const hotSlots = await seedSlots(db, await seedActivity(db, venue, `${label}-hot`), hotSize.count, hotSize.capacity, 7);
  const hot = await bookAsFastAsPossible(book, new SlotPool(hotSlots, 'hot'), workers, seconds * 2);
  progress(`${label}: one hot slot ${hot.bookingsPerSecond.toFixed(0)} bookings/s`);
  const spreadSize = sizeFor(warm.bookingsPerSecond, seconds, 'spread');
  const spreadSlots = await seedSpreadSlots(db, venue, `${label}-spread`, spreadSize.count, spreadSize.capacity);
  const spread = await bookAsFastAsPossible(book, new SlotPool(spreadSlots, 'spread'), workers, seconds * 2);
  progress(`${label}: spread ${spread.bookingsPerSecond.toFixed(0)} bookings/s`);
  return { warm, hot, spread };
}

/** Runs the bench; returns what failed its checks (nothing when all passed). */
async function run(options: BenchOptions): Promise<string[]> {
  const root = fileURLToPath(new URL('..', import.meta.url));
  if (!existsSync(join(root, 'dist/main.js'))) throw new Error('dist/main.js is missing: run `npm run build` (npm run bench does)');
  const seconds = options.duration;
  const database = await createBenchDatabase(options.pg);
  progress(`${database.dialect}: data dir ${database.env.GROUPZ_DATA_DIR}`);

  const firstMs = await timeStart(database.env);
  const { db } = await database.connect();
  const venue = await seedVenue(db);
  const readActivity = await seedActivity(db, venue, 'read');
  // A venue with six tours a day: the slots API and the page show 14 days, so 78 slots from tomorrow.
  await seedSlots(db, readActivity, READ_DAYS * READ_SLOTS_PER_DAY, 20, 1, READ_SLOTS_PER_DAY);
  const season = await seedResourceSeason(db, venue);
  progress(`season: ${season.slots} slots of ${season.resources} activities sharing ${season.resources} resources`);
  const startsMs: number[] = [];
  for (let i = 0; i < COLD_STARTS; i++) startsMs.push(await timeStart(database.env));
  const coldStart = coldStarts(firstMs, startsMs);
  progress(`cold start: first ${firstMs.toFixed(0)} ms, median ${coldStart.medianMs.toFixed(0)} ms`);

  // The mail outbox in-process, while no platform process runs that would send its mails too.
  const mail = await measureMail(db, seconds);
  progress(
    `mail: outbox ${mail.figures.mailsPerSecond.toFixed(0)} mails/s, the SMTP server alone ${mail.figures.reference.mailsPerSecond.toFixed(0)} mails/s`,
  );

  // The database's own limit and the booking call in-process first, while no platform process runs.
  const sqliteFile = join(database.env.GROUPZ_DATA_DIR!, 'groupz.sqlite');
  const raw = await measureRawLimit(database.dialect === 'sqlite' ? { sqliteFile } : { pgUrl: database.env.GROUPZ_DATABASE_URL! }, seconds);
  progress(`raw limit: hot ${raw.hot.bookingsPerSecond.toFixed(0)}, spread ${raw.spread.bookingsPerSecond.toFixed(0)} bookings/s`);
  const callers = IN_PROCESS_CALLERS;
  const inProcess = await rushes(bookInProcess(db), db, venue, callers, seconds, 'in-process');

  const platforms: PlatformProcess[] = [];
  for (let i = 0; i < options.instances; i++) {
    const nodeArgs = options.cpuProf ? ['--cpu-prof', `--cpu-prof-dir=${resolve(options.cpuProf)}`] : [];
    platforms.push(await startPlatform(database.env, join(database.env.GROUPZ_DATA_DIR!, `platform-${i}.log`), { nodeArgs }));
  }
  const urls = platforms.map((p) => p.url);
  await sleep(1000);
  const pids = platforms.map((p) => p.pid);
  const restMb = Math.max(...pids.map(rssMb));
  const readsPeak = new PeakRss(pids);

  // With several instances, the reads on the first alone too: what a second instance adds.
  const oneInstance =
    urls.length > 1
      ? {
          healthz: await readLoad(urls.slice(0, 1), '/healthz', options.connections, seconds),
          slotsApi: await readLoad(
            urls.slice(0, 1),
            `/api/v1/activities/${readActivity.id}/slots?groupSize=4`,
            options.connections,
            seconds,
          ),
        }
      : undefined;
  const healthz = await readLoad(urls, '/healthz', options.connections, seconds);
  const slotsApi = await readLoad(urls, `/api/v1/activities/${readActivity.id}/slots?groupSize=4`, options.connections, seconds);
  const availabilityPage = await readLoad(urls, `/activities/${readActivity.slug}?groupSize=4`, options.connections, seconds);
  const resourceSlotsApi = await readLoad(urls, `/api/v1/activities/${season.activity.id}/slots?groupSize=4`, options.connections, seconds);
  progress(
    `reads: healthz ${healthz.requestsPerSecond.toFixed(0)}/s, slots API ${slotsApi.requestsPerSecond.toFixed(0)}/s, page ${availabilityPage.requestsPerSecond.toFixed(0)}/s, slots API on shared resources ${resourceSlotsApi.requestsPerSecond.toFixed(0)}/s`,
  );
  const pagePath = `/activities/${readActivity.slug}?groupSize=4`;
  const sizes = await answerSizes(urls[0]!, [
    { name: 'availability page', path: pagePath },
    { name: 'stylesheet', path: STYLESHEET_PATH },
    { name: 'slots API', path: `/api/v1/activities/${readActivity.id}/slots?groupSize=4` },
  ]);
  const compressed = await compressedReads(urls, pagePath, options.connections, seconds);
  progress(`page compressed: gzip ${compressed.gzip.requestsPerSecond.toFixed(0)}/s, br ${compressed.br.requestsPerSecond.toFixed(0)}/s`);

  const readsPeakMb = readsPeak.stop();
  await clearResourceSeason(db, season);
  const bookingsPeak = new PeakRss(pids);
  const client = new BookingClient(urls, options.connections);
  const http: Book = (body) => client.post('/api/v1/bookings', body);
  const rush = await rushes(http, db, venue, options.connections, seconds, 'HTTP');
  // 80 % of the maximum of the same workload: bookings spread over 240 slots.
  const rate = 0.8 * rush.spread.bookingsPerSecond;
  const pacedSlots = await seedSpreadSlots(db, venue, 'paced', 240, MAX_SLOT_CAPACITY);
  const paced = await bookAtRate(http, new SlotPool(pacedSlots, 'spread'), rate, seconds, options.connections);
  progress(`paced at ${rate.toFixed(0)}/s: p99 ${paced.latency.p99.toFixed(1)} ms`);
  const bookingsPeakMb = bookingsPeak.stop();
  client.close();
  for (const platform of platforms) await platform.stop();

  const announced = [
    ...mail.references,
    ...[inProcess.warm, inProcess.hot, inProcess.spread, rush.warm, rush.hot, rush.spread, paced].flatMap((r) => r.references),
  ];
  const figures: BenchFigures = {
    date: new Date().toISOString(),
    cores: machineCores(),
    database: database.dialect,
    instances: options.instances,
    connections: options.connections,
    durationSeconds: seconds,
    settings: { ...BENCH_SETTINGS },
    rush: { hot: rush.hot, spread: rush.spread },
    raw,
    inProcess: { callers, hot: inProcess.hot, spread: inProcess.spread },
    reads: { healthz, slotsApi, availabilityPage, resourceSlotsApi, ...(oneInstance && { oneInstance }) },
    season: { slots: season.slots, resources: season.resources },
    compression: { sizes, page: compressed },
    paced: { rate, result: paced },
    coldStart,
    memory: { restMb, peakMb: Math.max(readsPeakMb, bookingsPeakMb), readsPeakMb, bookingsPeakMb },
    mail: mail.figures,
    oversell: await checkOversell(db, announced),
  };
  process.stdout.write(`\n${renderReport(figures)}\n`);
  if (options.json) writeJson(options.json, figures);
  return [
    ...(figures.oversell.passed ? [] : ['the database does not match what the clients were told (see the oversell check)']),
    ...(figures.mail.passed ? [] : ['the SMTP server did not receive every queued mail exactly once (see the mail check)']),
  ];
}

if (process.argv.includes('--help')) {
  process.stdout.write(USAGE);
  process.exit(0);
}
let options: BenchOptions;
try {
  options = parseOptions(process.argv.slice(2));
} catch (error) {
  process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
  process.exit(2);
}
cleanUpOnSignals();
try {
  const failed = await run(options);
  for (const failure of failed) process.stderr.write(`bench: FAILED: ${failure}\n`);
  process.exitCode = failed.length === 0 ? 0 : 1;
} catch (error) {
  process.stderr.write(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
} finally {
  await cleanUp();
}
