import sharp, { type Sharp } from 'sharp';
import { type ImageInfo, type ImageProcessor, MAX_PHOTO_PIXELS, type PhotoFormat, type PhotoVariant } from '../../core/photos/photo.js';

// Encoder settings: visually good photos at a fraction of a JPEG's size. AVIF's effort is kept
// moderate so an upload of a large photo renders in seconds on a small server.
const ENCODE: Record<PhotoFormat, (image: Sharp) => Sharp> = {
  avif: (image) => image.avif({ quality: 55, effort: 3 }),
  webp: (image) => image.webp({ quality: 78 }),
};

/** Reads no more pixels than core allows (sharp's own guard; core checks the header first). */
const INPUT = { limitInputPixels: MAX_PHOTO_PIXELS, failOn: 'error' } as const;

/**
 * The ImageProcessor on sharp (libvips). sharp writes no metadata unless asked (no `withMetadata`,
 * `keepExif`, `keepIccProfile` here): every variant leaves without EXIF, GPS, XMP, IPTC, ICC
 * profile or comments, its pixels converted to sRGB.
 */
export const sharpImages: ImageProcessor = {
  async probe(bytes: Buffer): Promise<ImageInfo | undefined> {
    try {
      const meta = await sharp(bytes, INPUT).metadata();
      if (!meta.format || !meta.width || !meta.height) return undefined;
      return { format: meta.format, width: meta.autoOrient.width, height: meta.autoOrient.height };
    } catch {
      return undefined;
    }
  },

  async render(bytes: Buffer, targets: readonly { width: number; format: PhotoFormat }[]): Promise<PhotoVariant[]> {
    const upright = sharp(bytes, INPUT).rotate().toColourspace('srgb');
    return Promise.all(
      targets.map(async ({ width, format }) => {
        const resized = upright.clone().resize({ width, withoutEnlargement: true });
        const { data, info } = await ENCODE[format](resized).toBuffer({ resolveWithObject: true });
        return { width: info.width, height: info.height, format, bytes: data };
      }),
    );
  },
};
