import type { Translated } from '../catalog/activity.js';

/**
 * One published version of a venue's booking terms. Versions are numbered 1, 2, 3 per venue and
 * never change once published: a booking names the version its organiser accepted.
 */
export interface VenueTerms {
  venueId: string;
  version: number;
  text: Translated;
  publishedAt: Date;
}

/** Longest terms text per language, in characters. */
export const MAX_TERMS_LENGTH = 20_000;
