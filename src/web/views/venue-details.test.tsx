import assert from 'node:assert/strict';
import { test } from 'node:test';
import { render } from 'preact-render-to-string';
import { parseHtml } from '../../../test/html.js';
import type { Venue } from '../../core/catalog/activity.js';
import { translator } from '../i18n/i18n.js';
import { VenueContact } from './venue-details.js';

const ui = { lang: 'en' as const, t: translator('en'), path: '/', stylesheet: '/app.css', icon: '/icon.svg', indexable: true };
const VENUE: Venue = {
  id: 'v',
  slug: 'hoeve',
  name: 'De Hoeve',
  city: 'Zeist',
  contactEmail: null,
  contactPhone: null,
  address: null,
  website: null,
  description: null,
  route: null,
  ownMollieKey: false,
  poRequired: false,
};

test('the contact details link to a stored website only when it is an https address', () => {
  const links = (website: string) =>
    parseHtml(render(<VenueContact ui={ui} venue={{ ...VENUE, contactEmail: 'a@hoeve.example.nl', website }} />))
      .querySelectorAll('a')
      .map((a) => a.getAttribute('href'));
  assert.deepEqual(links('https://hoeve.example.nl'), ['mailto:a@hoeve.example.nl', 'https://hoeve.example.nl']);
  for (const website of ['javascript:alert(1)', 'http://hoeve.example.nl', 'https://user:pw@hoeve.example.nl']) {
    assert.deepEqual(links(website), ['mailto:a@hoeve.example.nl'], website);
  }
  assert.equal(render(<VenueContact ui={ui} venue={{ ...VENUE, website: 'javascript:alert(1)' }} />), '');
});
