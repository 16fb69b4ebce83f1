import { type Expression, type Selectable, sql } from 'kysely';
import type { Executor, Tx, VenueTermsTable } from '../../db/schema.js';
import type { VenueTerms } from './venue-terms.js';
import { lockRow } from '../../db/lock-row.js';
import { prepared } from '../../db/prepared-query.js';

function toTerms(row: Selectable<VenueTermsTable>): VenueTerms {
  return {
    venueId: row.venue_id,
    version: row.version,
    text: { nl: row.text_nl, en: row.text_en },
    publishedAt: new Date(row.published_at),
  };
}

/** The venue's latest version, if it published any. */
export async function findCurrentTerms(db: Executor, venueId: string): Promise<VenueTerms | undefined> {
  const row = await currentTerms.first(db, { venueId });
  return row && toTerms(row);
}

// The limit written into the SQL: SQLite plans a statement with a bound limit again on every run.
const currentTerms = prepared((db, p: { venueId: string }) =>
  db.selectFrom('venue_terms').selectAll().where('venue_id', '=', p.venueId).orderBy('version', 'desc').limit(sql.lit(1)),
);

/**
 * The number of the venue's current version (findCurrentTerms), as a column of another query (null
 * when it published none): a booking's quote reads it with its slot (`venueId` the activity's
 * column), and the booking reads it again with what else it reads under the slot's lock.
 */
export function currentTermsVersionOf(db: Executor, venueId: string | Expression<string>) {
  return db
    .selectFrom('venue_terms')
    .select('venue_terms.version')
    .where('venue_terms.venue_id', '=', venueId)
    .orderBy('venue_terms.version', 'desc')
    .limit(sql.lit(1));
}

export async function findTermsVersion(db: Executor, venueId: string, version: number): Promise<VenueTerms | undefined> {
  const row = await db
    .selectFrom('venue_terms')
    .selectAll()
    .where('venue_id', '=', venueId)
    .where('version', '=', version)
    .executeTakeFirst();
  return row && toTerms(row);
}

/** The number of each venue's latest version, in one query; a venue that published none is left out. */
export async function findCurrentVersions(db: Executor, venueIds: readonly string[]): Promise<Map<string, number>> {
  if (venueIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('venue_terms')
    .select((eb) => ['venue_id', eb.fn.max('version').as('latest')])
    .where('venue_id', 'in', venueIds)
    .groupBy('venue_id')
    .execute();
  return new Map(rows.map((row) => [row.venue_id, Number(row.latest)]));
}

/** Every version the venue published, newest first. */
export async function listTermsVersions(db: Executor, venueId: string): Promise<VenueTerms[]> {
  const rows = await db.selectFrom('venue_terms').selectAll().where('venue_id', '=', venueId).orderBy('version', 'desc').execute();
  return rows.map(toTerms);
}

/**
 * Publishes the next version (the highest so far plus one) and returns its number. The venue's row
 * is locked first (a no-op update), so two publishers number one after the other.
 */
export async function insertNextTerms(
  trx: Tx,
  terms: { venueId: string; text: VenueTerms['text']; publishedAt: string; publishedBy: string | null },
): Promise<number> {
  await lockRow(trx, 'venues', terms.venueId);
  const row = await trx
    .selectFrom('venue_terms')
    .select((eb) => eb.fn.max('version').as('latest'))
    .where('venue_id', '=', terms.venueId)
    .executeTakeFirst();
  const version = Number(row?.latest ?? 0) + 1;
  await trx
    .insertInto('venue_terms')
    .values({
      venue_id: terms.venueId,
      version,
      text_nl: terms.text.nl,
      text_en: terms.text.en,
      published_at: terms.publishedAt,
      published_by: terms.publishedBy,
    })
    .execute();
  return version;
}
