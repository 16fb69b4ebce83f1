import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import sharp from 'sharp';
import { buildTestApp, type TestApp } from '../../../test/app.js';
import { testDialects } from '../../../test/databases.js';
import { parseHtml } from '../../../test/html.js';
import { assertNoMetadata, multipartBody, phoneJpeg } from '../../../test/photos.js';
import { assertSecurityHeaders } from '../../../test/security-headers.js';
import { adminGet, adminPost, type SignedIn } from '../../../test/staff.js';
import { makeTwoVenues, signInMembers } from '../../../test/venues.js';
import type { Activity } from '../../core/catalog/activity.js';
import { SESSION_COOKIE } from './session-cookie.js';

const ALT = { altNl: 'Kano op de rivier', altEn: 'Canoe on the river' };

for (const dialect of testDialects()) {
  describe(`photos in the back office and on the public pages (${dialect.name})`, () => {
    let t: TestApp;
    let home: Activity;
    let away: Activity;
    let manager: SignedIn;
    let viewer: SignedIn;
    let otherManager: SignedIn;
    let admin: SignedIn;
    let phone: Buffer;

    before(async () => {
      t = await buildTestApp(dialect, '2026-06-01T08:00:00Z');
      ({ home, away } = await makeTwoVenues(t));
      ({ manager, viewer, otherManager, admin } = await signInMembers(t, { home, away }, ['manager', 'viewer', 'otherManager', 'admin']));
      phone = await phoneJpeg();
    });
    after(() => t.close());

    /** Posts the upload form as a browser does (multipart), with the session's form token unless `csrf` says otherwise. */
    async function upload(
      session: SignedIn,
      url: string,
      file: { name: string; type: string; bytes: Buffer } | undefined,
      fields: Record<string, string> = ALT,
      { csrf = session.csrf, lang = 'nl' } = {},
    ) {
      const { payload, contentType } = await multipartBody({ ...(csrf ? { _csrf: csrf } : {}), ...fields }, file);
      return t.app.inject({
        method: 'POST',
        url,
        headers: {
          origin: t.publicUrl,
          'content-type': contentType,
          'accept-language': lang,
          cookie: `${SESSION_COOKIE}=${session.cookie}`,
        },
        payload,
      });
    }
    const jpeg = (bytes: Buffer) => ({ name: 'IMG_0001.jpg', type: 'image/jpeg', bytes });
    const photoRows = (activityId: string) =>
      t.database.db.selectFrom('photos').selectAll().where('activity_id', '=', activityId).orderBy('position').execute();
    const logOf = (action: string) => t.database.db.selectFrom('activity_log').selectAll().where('action', '=', action).execute();

    test('an upload is stored upright, resized, in AVIF and WebP, without any of its metadata, and served from our origin', async () => {
      const input = await sharp(phone).metadata();
      assert.ok(input.exif && input.icc && input.xmp, 'the upload carries EXIF, an ICC profile and XMP');
      assert.ok(input.exif.includes(Buffer.from([0x25, 0x88])) || input.exif.includes(Buffer.from([0x88, 0x25])), 'and a GPS block');

      const response = await upload(manager, `/admin/activities/${home.id}/photos`, jpeg(phone));
      assert.equal(response.statusCode, 303, response.body.slice(0, 500));
      assert.equal(response.headers.location, `/admin/activities/${home.id}/photos?done=added`);
      const [row] = await photoRows(home.id);
      assert.ok(row);
      assert.deepEqual([row.width, row.height, row.alt_nl, row.alt_en], [1200, 2400, ALT.altNl, ALT.altEn]);
      assert.equal((await logOf('photo.added')).length, 1);

      const page = await t.app.inject({ url: `/activities/${home.slug}`, headers: { 'accept-language': 'en' } });
      const picture = parseHtml(page.body).querySelector('picture')!;
      assert.ok(picture, 'the activity page shows the photo');
      const img = picture.querySelector('img')!;
      assert.equal(img.getAttribute('alt'), ALT.altEn);
      assert.deepEqual([img.getAttribute('width'), img.getAttribute('height')], ['1200', '2400']);
      const sources = picture
        .querySelectorAll('source')
        .map((s) => [s.getAttribute('type'), s.getAttribute('srcset'), s.getAttribute('sizes')]);
      assert.deepEqual(
        sources.map(([type]) => type),
        ['image/avif', 'image/webp'],
      );
      for (const [type, srcset, sizes] of sources) {
        assert.ok(sizes, `${type}: sizes`);
        const candidates = srcset!.split(', ').map((c) => c.split(' '));
        assert.deepEqual(
          candidates.map(([, w]) => w),
          ['480w', '960w', '1200w'],
          'the promised widths, never enlarged beyond the upload',
        );
        for (const [url, w] of candidates) {
          // A path on the page's own origin: no other host, no protocol-relative URL.
          assert.match(url!, /^\/photos\/[A-Za-z0-9_-]{16}-\d+\.(avif|webp)$/);
          const served = await t.app.inject({ url: url! });
          assert.equal(served.statusCode, 200, url);
          assert.equal(served.headers['content-type'], type);
          assert.equal(served.headers['cache-control'], 'public, max-age=31536000, immutable');
          assertSecurityHeaders(served.headers, url!);
          assert.equal(served.headers['x-content-type-options'], 'nosniff');
          const meta = await sharp(served.rawPayload).metadata();
          assert.equal(meta.width, Number.parseInt(w!, 10), `${url}: width`);
          assert.equal(meta.height, meta.width * 2, `${url}: upright`);
          await assertNoMetadata(served.rawPayload, url!);
        }
      }
      assert.ok(img.getAttribute('src')!.startsWith('/photos/'));

      const list = await t.app.inject({ url: '/' });
      const card = parseHtml(list.body).querySelector('.card picture img');
      assert.ok(card, 'the card shows the first photo');
    });

    test('a file that is not a JPEG, PNG or WebP is refused by its content, with every error in one round, in the language of the page', async () => {
      const before = (await photoRows(home.id)).length;
      const text = Buffer.from('this is not a photo at all, whatever its name says');
      const nl = await upload(manager, `/admin/activities/${home.id}/photos`, jpeg(text), { altNl: '', altEn: 'x' });
      assert.equal(nl.statusCode, 422);
      const doc = parseHtml(nl.body);
      assert.equal(doc.querySelector('[data-testid="error-photos-file"]')?.textContent, 'Kies een foto in JPEG-, PNG- of WebP-formaat.');
      assert.equal(doc.querySelector('[data-testid="error-photos-altNl"]')?.textContent, 'Vul dit veld in.');
      assert.equal(doc.querySelector('#photos-altEn')?.getAttribute('value'), 'x', 'what was typed comes back');

      const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>');
      const en = await upload(manager, `/admin/activities/${home.id}/photos`, { name: 'a.png', type: 'image/png', bytes: svg }, ALT, {
        lang: 'en',
      });
      assert.equal(en.statusCode, 422);
      assert.equal(
        parseHtml(en.body).querySelector('[data-testid="error-photos-file"]')?.textContent,
        'Choose a photo in JPEG, PNG or WebP format.',
      );
      const gif = await sharp({ create: { width: 20, height: 20, channels: 3, background: '#fff' } })
        .gif()
        .toBuffer();
      assert.equal((await upload(manager, `/admin/activities/${home.id}/photos`, jpeg(gif))).statusCode, 422);

      const none = await upload(manager, `/admin/activities/${home.id}/photos`, undefined);
      assert.equal(parseHtml(none.body).querySelector('[data-testid="error-photos-file"]')?.textContent, 'Vul dit veld in.');

      const huge = Buffer.concat([phone, Buffer.alloc(10 * 1024 * 1024)]);
      const big = await upload(manager, `/admin/activities/${home.id}/photos`, jpeg(huge));
      assert.equal(big.statusCode, 422);
      assert.equal(parseHtml(big.body).querySelector('[data-testid="error-photos-file"]')?.textContent, 'Deze foto is groter dan 10 MB.');
      assert.equal((await photoRows(home.id)).length, before, 'nothing stored');
    });

    test('a landscape venue photo wider than 1600 px is stored at 480, 960 and 1600 px', async () => {
      const wide = await sharp({ create: { width: 4032, height: 3024, channels: 3, background: '#357' } })
        .jpeg()
        .toBuffer();
      const response = await upload(manager, `/admin/venues/${home.venue.id}/photos`, jpeg(wide));
      assert.equal(response.statusCode, 303, response.body.slice(0, 300));
      const row = await t.database.db
        .selectFrom('photos')
        .selectAll()
        .where('venue_id', '=', home.venue.id)
        .where('kind', '=', 'venue')
        .executeTakeFirst();
      assert.deepEqual([row?.width, row?.height], [1600, 1200]);
      const variants = await t.database.db
        .selectFrom('photo_variants')
        .select(['width', 'format'])
        .where('photo_id', '=', row!.id)
        .execute();
      assert.deepEqual(variants.map((v) => `${v.width}.${v.format}`).sort(), [
        '1600.avif',
        '1600.webp',
        '480.avif',
        '480.webp',
        '960.avif',
        '960.webp',
      ]);
      assert.equal(
        (await adminPost(t, manager, `/admin/photos/${row!.id}/delete`)).statusCode,
        303,
        'the tests after count from one photo',
      );
    });

    test('a photo far longer than wide is refused as too long, a damaged one as not a photo', async () => {
      const before = (await photoRows(home.id)).length;
      const tall = await sharp({ create: { width: 100, height: 20000, channels: 3, background: '#abc' } })
        .png()
        .toBuffer();
      for (const [lang, message] of [
        ['nl', 'Deze foto is te lang of te smal: de ene zijde mag hoogstens 10 keer zo lang zijn als de andere.'],
        ['en', 'This photo is too long or too narrow: one side may be at most 10 times as long as the other.'],
      ] as const) {
        const response = await upload(
          manager,
          `/admin/activities/${home.id}/photos`,
          { name: 'tall.png', type: 'image/png', bytes: tall },
          ALT,
          {
            lang,
          },
        );
        assert.equal(response.statusCode, 422);
        assert.equal(parseHtml(response.body).querySelector('[data-testid="error-photos-file"]')?.textContent, message);
      }
      const damaged = await upload(manager, `/admin/activities/${home.id}/photos`, jpeg(phone.subarray(0, phone.length / 2)));
      assert.equal(damaged.statusCode, 422);
      assert.equal(
        parseHtml(damaged.body).querySelector('[data-testid="error-photos-file"]')?.textContent,
        'Kies een foto in JPEG-, PNG- of WebP-formaat.',
      );
      assert.equal((await photoRows(home.id)).length, before, 'nothing stored');
    });

    test('a valid PNG of more than 40 megapixels is refused as too many pixels, not as another format, keeping the alt texts', async () => {
      const venuePhotos = () => t.database.db.selectFrom('photos').select('id').where('venue_id', '=', home.venue.id).execute();
      const before = [(await photoRows(home.id)).length, (await venuePhotos()).length];
      // 8000 × 6000: 48 megapixels, a PNG of one colour (some 150 kB, far below 10 MB).
      const png = await sharp({ create: { width: 8000, height: 6000, channels: 3, background: '#3a7' } })
        .png()
        .toBuffer();
      // The form's section: the activity's photos, or the venue's (beside its logo's).
      for (const [lang, url, section, message] of [
        ['nl', `/admin/activities/${home.id}/photos`, 'photos', 'Deze foto heeft te veel pixels (hoogstens 40 megapixel).'],
        ['en', `/admin/venues/${home.venue.id}/photos`, 'venue', 'This photo has too many pixels (40 megapixels at most).'],
      ] as const) {
        const response = await upload(manager, url, { name: 'panorama.png', type: 'image/png', bytes: png }, ALT, { lang });
        assert.equal(response.statusCode, 422, `${url} ${lang}`);
        const doc = parseHtml(response.body);
        assert.equal(doc.querySelector(`[data-testid="error-${section}-file"]`)?.textContent, message);
        assert.equal(doc.querySelector(`#${section}-altNl`)?.getAttribute('value'), ALT.altNl, 'what was typed comes back');
        assert.equal(doc.querySelector(`#${section}-altEn`)?.getAttribute('value'), ALT.altEn);
      }
      assert.deepEqual([(await photoRows(home.id)).length, (await venuePhotos()).length], before, 'nothing stored');
    });

    test('a malformed multipart body is a bad request on the translated error page, never a 500', async () => {
      const { payload, contentType } = await multipartBody({ _csrf: manager.csrf, ...ALT }, jpeg(phone));
      const bodies = [
        { what: 'truncated', contentType, payload: payload.subarray(0, payload.length - 200) },
        { what: 'no boundary', contentType: 'multipart/form-data', payload },
      ];
      for (const url of [
        `/admin/activities/${home.id}/photos`,
        `/admin/venues/${home.venue.id}/photos`,
        `/admin/venues/${home.venue.id}/logo`,
      ]) {
        for (const body of bodies) {
          for (const [lang, message] of [
            ['nl', 'Dit verzoek kunnen we niet lezen.'],
            ['en', 'We cannot read this request.'],
          ] as const) {
            const response = await t.app.inject({
              method: 'POST',
              url,
              headers: {
                origin: t.publicUrl,
                'content-type': body.contentType,
                'accept-language': lang,
                cookie: `${SESSION_COOKIE}=${manager.cookie}`,
              },
              payload: body.payload,
            });
            assert.equal(response.statusCode, 400, `${url} ${body.what}: ${response.body.slice(0, 200)}`);
            assert.ok(response.body.includes(message), `${url} ${body.what} ${lang}`);
          }
        }
      }
    });

    test('a multipart upload without the form token is refused, and nothing is stored', async () => {
      const before = (await photoRows(home.id)).length;
      const response = await upload(manager, `/admin/activities/${home.id}/photos`, jpeg(phone), ALT, { csrf: '' });
      assert.equal(response.statusCode, 403);
      const forged = await upload(manager, `/admin/activities/${home.id}/photos`, jpeg(phone), ALT, { csrf: otherManager.csrf });
      assert.equal(forged.statusCode, 403);
      assert.equal((await photoRows(home.id)).length, before);
    });

    test("another venue's activity, venue and photos are not found; a viewer may not change photos", async () => {
      const [photo] = await photoRows(home.id);
      assert.equal((await adminGet(t, otherManager, `/admin/activities/${home.id}/photos`)).statusCode, 404);
      assert.equal((await upload(otherManager, `/admin/activities/${home.id}/photos`, jpeg(phone))).statusCode, 404);
      assert.equal((await upload(otherManager, `/admin/venues/${home.venue.id}/photos`, jpeg(phone))).statusCode, 404);
      assert.equal((await upload(otherManager, `/admin/venues/${home.venue.id}/logo`, jpeg(phone))).statusCode, 404);
      assert.equal((await adminGet(t, otherManager, `/admin/venues/${home.venue.id}/photos`)).statusCode, 404);
      for (const action of ['alt', 'move', 'delete']) {
        const response = await adminPost(t, otherManager, `/admin/photos/${photo!.id}/${action}`, { ...ALT, direction: 'up' });
        assert.equal(response.statusCode, 404, action);
      }
      assert.equal((await upload(viewer, `/admin/activities/${home.id}/photos`, jpeg(phone))).statusCode, 403);
      assert.equal((await adminPost(t, viewer, `/admin/photos/${photo!.id}/delete`)).statusCode, 403);
      assert.deepEqual(await photoRows(home.id), [photo]);
      assert.equal((await adminGet(t, admin, `/admin/activities/${home.id}/photos`)).statusCode, 200, 'an admin reaches every venue');
    });

    test('photos are described, reordered and deleted; a deleted photo is gone from its address', async () => {
      const png = await sharp({ create: { width: 300, height: 200, channels: 4, background: '#c33' } })
        .png()
        .toBuffer();
      const added = await upload(manager, `/admin/activities/${home.id}/photos`, { name: 'b.png', type: 'image/png', bytes: png });
      assert.equal(added.statusCode, 303);
      const [first, second] = await photoRows(home.id);
      assert.equal(second!.width, 300, 'a small photo is not enlarged');

      const refused = await adminPost(t, manager, `/admin/photos/${second!.id}/alt`, { altNl: ' ', altEn: 'Red' });
      assert.equal(refused.statusCode, 422);
      assert.equal(parseHtml(refused.body).querySelector(`#alt-${second!.id}-en`)?.getAttribute('value'), 'Red');
      const described = await adminPost(t, manager, `/admin/photos/${second!.id}/alt`, { altNl: 'Rood', altEn: 'Red' });
      assert.equal(described.statusCode, 303);

      assert.equal((await adminPost(t, manager, `/admin/photos/${second!.id}/move`, { direction: 'up' })).statusCode, 303);
      assert.deepEqual(
        (await photoRows(home.id)).map((p) => p.id),
        [second!.id, first!.id],
      );
      const list = await t.app.inject({ url: '/', headers: { 'accept-language': 'en' } });
      assert.equal(
        parseHtml(list.body).querySelector('.card picture img')?.getAttribute('alt'),
        'Red',
        'the card shows the new first photo',
      );

      const url = `/photos/${second!.id}-300.webp`;
      assert.equal((await t.app.inject({ url })).statusCode, 200);
      assert.equal((await adminPost(t, manager, `/admin/photos/${second!.id}/delete`)).statusCode, 303);
      const gone = await t.app.inject({ url });
      assert.equal(gone.statusCode, 404);
      assert.notEqual(gone.headers['cache-control'], 'public, max-age=31536000, immutable');
      assert.equal((await logOf('photo.deleted')).at(-1)?.target, second!.id);
      assert.equal((await logOf('photo.moved')).length, 1);
      assert.equal((await logOf('photo.alt_changed')).length, 1);
    });

    test('a venue has photos and one logo; a new logo replaces the old', async () => {
      const small = await sharp({ create: { width: 320, height: 160, channels: 3, background: '#246' } })
        .jpeg()
        .toBuffer();
      for (let i = 0; i < 2; i++) {
        assert.equal((await upload(manager, `/admin/venues/${home.venue.id}/logo`, jpeg(small))).statusCode, 303);
      }
      assert.equal((await upload(manager, `/admin/venues/${home.venue.id}/photos`, jpeg(small))).statusCode, 303);
      const rows = await t.database.db.selectFrom('photos').select(['kind', 'activity_id']).where('venue_id', '=', home.venue.id).execute();
      assert.equal(rows.filter((r) => r.kind === 'logo').length, 1);
      assert.equal(rows.filter((r) => r.kind === 'venue').length, 1);

      const [logo] = await t.database.db
        .selectFrom('photos')
        .select('id')
        .where('venue_id', '=', home.venue.id)
        .where('kind', '=', 'logo')
        .execute();
      const activityPage = parseHtml((await t.app.inject({ url: `/activities/${home.slug}`, headers: { 'accept-language': 'en' } })).body);
      const about = activityPage.querySelector('[data-testid="venue-about"]');
      assert.ok(about, 'the activity page tells about the venue');
      const logoImg = about.querySelector('.venue-logo img');
      assert.equal(logoImg?.getAttribute('loading'), 'lazy');
      assert.ok(logoImg?.getAttribute('src')?.startsWith(`/photos/${logo!.id}-`), 'the logo, from our origin');
      const venueImgs = about.querySelectorAll('[data-testid="venue-photos"] picture img');
      assert.equal(venueImgs.length, 1, 'and the venue photo');
      assert.match(venueImgs[0]!.getAttribute('src')!, /^\/photos\/[A-Za-z0-9_-]{16}-\d+\.webp$/);
      assert.equal(venueImgs[0]!.getAttribute('alt'), ALT.altEn);
      for (const source of about.querySelectorAll('source')) {
        for (const candidate of source.getAttribute('srcset')!.split(', ')) assert.match(candidate, /^\/photos\/\S+ \d+w$/);
      }
      const venuePage = parseHtml((await adminGet(t, manager, `/admin/venues/${home.venue.id}`)).body);
      assert.equal(
        venuePage.querySelector('[data-testid="venue-photos-link"]')?.getAttribute('href'),
        `/admin/venues/${home.venue.id}/photos`,
      );
      const photosPage = parseHtml((await adminGet(t, manager, `/admin/venues/${home.venue.id}/photos`)).body);
      assert.equal(photosPage.querySelector('.breadcrumb a')?.getAttribute('href'), `/admin/venues/${home.venue.id}`);
    });

    test('an address that names no stored photo is not found', async () => {
      for (const url of ['/photos/AAAAAAAAAAAAAAAA-480.avif', '/photos/nonsense', '/photos/..%2F..%2Fetc-480.webp', `/photos/x-480.jpeg`]) {
        assert.equal((await t.app.inject({ url })).statusCode, 404, url);
      }
    });
  });
}
