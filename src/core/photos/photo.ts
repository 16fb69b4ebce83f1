import type { Translated } from '../catalog/activity.js';

/**
 * Photos of activities and venues, and venue logos. Core decides the policy (what is accepted,
 * which sizes and formats are stored); an ImageProcessor (src/adapters/images/) does the pixels.
 */

/** Whose photo it is: an activity's, a venue's own, or the venue's logo (one at most). */
export type PhotoOwner = { kind: 'activity'; activityId: string } | { kind: 'venue'; venueId: string } | { kind: 'logo'; venueId: string };

/** The formats stored and served, best first: every current browser shows WebP, most AVIF. */
export const PHOTO_FORMATS = ['avif', 'webp'] as const;
export type PhotoFormat = (typeof PHOTO_FORMATS)[number];

/** The widths stored (never wider than the upload: an image is never enlarged). */
export const PHOTO_WIDTHS = [480, 960, 1600] as const;

/** What an upload may be, by its content (never by its name or declared type). */
export const ACCEPTED_UPLOAD_FORMATS = ['jpeg', 'png', 'webp'] as const;

/** The largest upload. */
export const MAX_PHOTO_BYTES = 10 * 1024 * 1024;

/** The most pixels an upload may have: more is refused before decoding (a "decompression bomb"). */
export const MAX_PHOTO_PIXELS = 40_000_000;

/**
 * The most one side may be longer than the other. Keeps every stored variant (at most 1600 wide,
 * so at most 16000 high) within what WebP and AVIF encode (16383 px a side).
 */
export const MAX_PHOTO_ASPECT = 10;

/** An image as a processor reads it from its header: format and upright size (EXIF orientation applied). */
export interface ImageInfo {
  /** e.g. 'jpeg', 'png', 'webp', 'svg', 'gif'. */
  format: string;
  width: number;
  height: number;
}

/** One stored size and format. */
export interface PhotoVariant {
  width: number;
  height: number;
  format: PhotoFormat;
  bytes: Buffer;
}

/** The pixel work, behind an interface core owns; src/adapters/images/sharp-images.ts implements it. */
export interface ImageProcessor {
  /** The image's format and upright size, or undefined when the bytes are not an image it reads. */
  probe(bytes: Buffer): Promise<ImageInfo | undefined>;
  /**
   * The image turned upright by its EXIF orientation, resized to each width (never enlarged), in
   * each format, with no metadata at all (no EXIF, GPS, XMP, IPTC, ICC profile or comments).
   * Undefined when the pixels do not decode (a damaged or truncated file); any other failure
   * (out of memory, an encoder's) is thrown.
   */
  render(bytes: Buffer, targets: readonly { width: number; format: PhotoFormat }[]): Promise<PhotoVariant[] | undefined>;
}

/** A photo as pages show it; its variants are served at photoUrl(). */
export interface Photo {
  id: string;
  venueId: string;
  activityId: string | null;
  kind: PhotoOwner['kind'];
  position: number;
  alt: Translated;
  /** The largest stored variant's size. */
  width: number;
  height: number;
  /** The stored widths, ascending. */
  widths: number[];
}

/** Whose photo this is. */
export function ownerOf(photo: Pick<Photo, 'kind' | 'venueId' | 'activityId'>): PhotoOwner {
  return photo.kind === 'activity' ? { kind: 'activity', activityId: photo.activityId! } : { kind: photo.kind, venueId: photo.venueId };
}

/** A venue's logo and its own photos. */
export interface VenuePhotos {
  logo: Photo | undefined;
  photos: Photo[];
}

/** The widths to store for an image this wide: the standard widths below it, and its own width when smaller than the largest. */
export function variantWidths(width: number): number[] {
  const top = Math.min(width, PHOTO_WIDTHS[PHOTO_WIDTHS.length - 1]!);
  return [...PHOTO_WIDTHS.filter((w) => w < top), top];
}

/** The platform path of one variant: its id never names other bytes, so the response is cached for good. */
export function photoPath(photo: Pick<Photo, 'id'>, width: number, format: PhotoFormat): string {
  return `/photos/${photo.id}-${width}.${format}`;
}

/** The variant a photo path names, or undefined when it is not one. */
export function parsePhotoPath(name: string): { id: string; width: number; format: PhotoFormat } | undefined {
  const match = /^([A-Za-z0-9_-]{16})-(\d{1,5})\.(avif|webp)$/.exec(name);
  if (!match) return undefined;
  return { id: match[1]!, width: Number(match[2]), format: match[3] as PhotoFormat };
}
