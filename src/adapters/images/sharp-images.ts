import type { Sharp } from 'sharp';
import { type ImageInfo, type ImageProcessor, MAX_PHOTO_PIXELS, type PhotoFormat, type PhotoVariant } from '../../core/photos/photo.js';
import { loadOnce } from '../../core/shared/load-once.js';

// Encoder settings: visually good photos at a fraction of a JPEG's size. AVIF's effort is kept
// moderate so an upload of a large photo renders in seconds on a small server.
const ENCODE: Record<PhotoFormat, (image: Sharp) => Sharp> = {
  avif: (image) => image.avif({ quality: 55, effort: 3 }),
  webp: (image) => image.webp({ quality: 78 }),
};

/** Decodes no more pixels than core allows (sharp's own guard; core checks the header first). */
const INPUT = { limitInputPixels: MAX_PHOTO_PIXELS, failOn: 'error' } as const;

/**
 * Reads the header alone, whatever its size: under sharp's pixel limit a 48-megapixel PNG did not
 * read ("Input image exceeds pixel limit") and was refused as no photo at all, where core refuses
 * it as one with too many pixels.
 */
const HEADER = { ...INPUT, limitInputPixels: false } as const;

// sharp (libvips, a native module) is loaded at the first photo, not when the platform starts. One
// image at a time, each on one libvips thread: an upload of a 40 MP photo decodes it once (about
// 160 MB of pixels) and never shares the server's two cores with another one.
const loadSharp = loadOnce(async () => {
  const { default: sharp } = await import('sharp');
  sharp.concurrency(1);
  return sharp;
});
let queue: Promise<unknown> = Promise.resolve();

/** Runs `work` after every render asked for before it has finished. */
function oneAtATime<T>(work: () => Promise<T>): Promise<T> {
  const result = queue.then(work);
  queue = result.catch(() => undefined);
  return result;
}

/** The source's pixels, upright, in sRGB, 8 bits a channel, at most `width` wide; undefined when they do not decode. */
async function decode(bytes: Buffer, width: number) {
  const sharp = await loadSharp();
  try {
    return await sharp(bytes, INPUT)
      .rotate()
      .resize({ width, withoutEnlargement: true })
      .toColourspace('srgb')
      .raw({ depth: 'uchar' })
      .toBuffer({ resolveWithObject: true });
  } catch (error) {
    // libvips names running out of memory; every other failure here is the file's.
    if (error instanceof Error && /memory/i.test(error.message)) throw error;
    return undefined;
  }
}

/**
 * The ImageProcessor on sharp (libvips). The source is decoded once, to the largest width asked
 * for; each variant is resized and encoded from those pixels, one after the other. sharp writes no
 * metadata unless asked (no `withMetadata`, `keepExif`, `keepIccProfile` here): every variant
 * leaves without EXIF, GPS, XMP, IPTC, ICC profile or comments, its pixels converted to sRGB.
 */
export const sharpImages: ImageProcessor = {
  async probe(bytes: Buffer): Promise<ImageInfo | undefined> {
    const sharp = await loadSharp();
    try {
      const meta = await sharp(bytes, HEADER).metadata();
      if (!meta.format || !meta.width || !meta.height) return undefined;
      return { format: meta.format, width: meta.autoOrient.width, height: meta.autoOrient.height };
    } catch {
      return undefined;
    }
  },

  render(bytes: Buffer, targets: readonly { width: number; format: PhotoFormat }[]): Promise<PhotoVariant[] | undefined> {
    return oneAtATime(async () => {
      const source = await decode(bytes, Math.max(...targets.map((t) => t.width)));
      if (!source) return undefined;
      const { width, height, channels } = source.info;
      const sharp = await loadSharp();
      const variants: PhotoVariant[] = [];
      for (const target of targets) {
        const resized = sharp(source.data, { raw: { width, height, channels } }).resize({ width: target.width, withoutEnlargement: true });
        const { data, info } = await ENCODE[target.format](resized).toBuffer({ resolveWithObject: true });
        variants.push({ width: info.width, height: info.height, format: target.format, bytes: data });
      }
      return variants;
    });
  },
};
