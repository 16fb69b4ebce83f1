import assert from 'node:assert/strict';
import { test } from 'node:test';
import { venueInputSchema } from '../catalog/catalog.service.js';
import { parseVenueProfileForm, venueProfileFormOf } from '../venues/venue-profile.service.js';
import { isHttpsUrl } from './https-url.js';

const ACCEPTED = ['https://hoeve.example.nl', 'https://hoeve.example.nl/groepen?taal=nl'];
const REFUSED = [
  'http://hoeve.example.nl',
  'https://user:pw@hoeve.example.nl',
  'https://user@hoeve.example.nl',
  'https://localhost',
  'javascript:alert(1)',
  'hoeve.example.nl',
  '',
];

test('a website is an https address with a dotted host and no credentials, for the back office and the CLI alike', () => {
  const venue = { slug: 'hoeve', name: 'De Hoeve', city: 'Zeist' };
  const profile = venueProfileFormOf({ id: 'v', ...venueInputSchema.parse(venue), ownMollieKey: false, poRequired: false });
  for (const website of ACCEPTED) {
    assert.equal(isHttpsUrl(website), true, website);
    assert.equal(venueInputSchema.safeParse({ ...venue, website }).success, true, website);
    assert.equal(parseVenueProfileForm({ ...profile, website }).ok, true, website);
  }
  for (const website of REFUSED) {
    assert.equal(isHttpsUrl(website), false, website);
    assert.equal(venueInputSchema.safeParse({ ...venue, website }).success, false, website);
    if (website) assert.equal(parseVenueProfileForm({ ...profile, website }).ok, false, website);
  }
});
