import type { Kysely, Transaction } from 'kysely';

/**
 * The tables as Kysely sees them. Portable column types only, so one code path serves SQLite and
 * PostgreSQL: ids are text, instants are ISO-8601 UTC text (which sorts correctly), flags are
 * integers 0/1, structured values are JSON text validated on read.
 */
export interface VenueTable {
  id: string;
  slug: string;
  name: string;
  city: string;
  created_at: string;
}

export interface ActivityTable {
  id: string;
  venue_id: string;
  slug: string;
  title_nl: string;
  title_en: string;
  description_nl: string;
  description_en: string;
  location: string;
  duration_minutes: number;
  min_group_size: number;
  max_group_size: number;
  booking_cutoff_minutes: number;
  pricing: string;
  created_at: string;
}

export interface VatRateTable {
  code: string;
  rate_bp: number;
  valid_from: string;
}

export interface SlotTable {
  id: string;
  activity_id: string;
  starts_at: string;
  ends_at: string;
  capacity: number;
  exclusive: number;
  booked_persons: number;
  booked_groups: number;
  created_at: string;
}

export interface BookingTable {
  id: string;
  reference: string;
  slot_id: string;
  activity_id: string;
  venue_id: string;
  status: string;
  group_size: number;
  organiser_name: string;
  organiser_email: string;
  organiser_phone: string;
  organisation: string;
  notes: string;
  language: string;
  total_cents: number;
  vat_cents: number;
  price_breakdown: string;
  manage_token_hash: string;
  created_at: string;
  updated_at: string;
}

export interface Database {
  venues: VenueTable;
  activities: ActivityTable;
  vat_rates: VatRateTable;
  slots: SlotTable;
  bookings: BookingTable;
}

export type Db = Kysely<Database>;
export type Tx = Transaction<Database>;
/** What a repository function accepts: the database, or a transaction it must run inside. */
export type Executor = Db | Tx;
