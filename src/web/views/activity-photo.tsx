import { type Photo, PHOTO_FORMATS, photoPath } from '../../core/photos/photo.js';
import type { Ui } from './ui.js';

interface Props {
  ui: Ui;
  photo: Photo;
  /** The `sizes` attribute: how wide the photo is shown, so the browser picks the smallest variant that is sharp enough. */
  sizes: string;
  /** `lazy` for photos below the fold; the first one on a page loads at once. */
  loading: 'eager' | 'lazy';
  class?: string;
}

/**
 * A photo from the platform's own origin: AVIF and WebP in every stored width, the browser choosing;
 * width and height reserve its space before it loads; alt text in the page's language.
 */
export function ActivityPhoto({ ui, photo, sizes, loading, class: className }: Props) {
  const srcset = (format: (typeof PHOTO_FORMATS)[number]) => photo.widths.map((w) => `${photoPath(photo, w, format)} ${w}w`).join(', ');
  // The fallback <img> of a browser that reads neither <source>: WebP at a middle width.
  const fallback = photo.widths[Math.min(1, photo.widths.length - 1)]!;
  return (
    <picture class={className}>
      {PHOTO_FORMATS.map((format) => (
        <source key={format} type={`image/${format}`} srcset={srcset(format)} sizes={sizes} />
      ))}
      <img
        src={photoPath(photo, fallback, 'webp')}
        width={photo.width}
        height={photo.height}
        alt={photo.alt[ui.lang]}
        loading={loading}
        decoding="async"
        data-testid="photo"
      />
    </picture>
  );
}
