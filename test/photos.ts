import assert from 'node:assert/strict';
import sharp from 'sharp';

/**
 * A JPEG as a phone makes one: EXIF with GPS position, camera and copyright, an orientation tag
 * (turn 90° clockwise to show it upright: stored 2400×1200, upright 1200×2400), an XMP packet and
 * an ICC profile. Everything a stored photo must not carry.
 */
export async function phoneJpeg({ width = 2400, height = 1200 } = {}): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: '#2a7f62' } })
    .jpeg({ quality: 80 })
    .withIccProfile('p3')
    .withMetadata({ orientation: 6 })
    .withExif({
      IFD0: { Make: 'PhoneMaker', Model: 'Phone 12', Copyright: 'A. Teacher' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '52/1 5/1 1234/100', GPSLongitudeRef: 'E', GPSLongitude: '5/1 7/1 0/1' },
    })
    .withXmp('<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/></x:xmpmeta>')
    .toBuffer();
}

/** Fails unless the image carries no EXIF (so no GPS), ICC profile, XMP, IPTC or comments. */
export async function assertNoMetadata(bytes: Buffer, what: string): Promise<void> {
  const meta = await sharp(bytes).metadata();
  assert.equal(meta.exif, undefined, `${what}: EXIF`);
  assert.equal(meta.icc, undefined, `${what}: ICC profile`);
  assert.equal(meta.xmp, undefined, `${what}: XMP`);
  assert.equal(meta.iptc, undefined, `${what}: IPTC`);
  assert.equal(meta.comments, undefined, `${what}: comments`);
  assert.equal(meta.orientation, undefined, `${what}: orientation`);
}

/** A multipart/form-data body as a browser sends a form with a file input. */
export async function multipartBody(
  fields: Record<string, string>,
  file?: { name: string; type: string; bytes: Buffer },
): Promise<{ payload: Buffer; contentType: string }> {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  if (file) form.append('file', new Blob([new Uint8Array(file.bytes)], { type: file.type }), file.name);
  const request = new Request('http://multipart.invalid/', { method: 'POST', body: form });
  return { payload: Buffer.from(await request.arrayBuffer()), contentType: request.headers.get('content-type')! };
}
