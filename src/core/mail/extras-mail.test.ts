import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bookingDetails } from '../../../test/booking-details.js';
import { breakdownOf } from '../catalog/pricing.js';
import { renderMail } from './mail-content.js';

const HOST = 'https://bookings.groupz.now';

test("a booking's mail names the extras it took with their numbers, in Dutch and English; none without", () => {
  const line = { basis: 'person' as const, quantity: 4, unitCents: 1250, totalCents: 5000, rateBp: 900 };
  const price = breakdownOf([
    { ...line, label: { nl: 'Toegang', en: 'Entrance' } },
    { ...line, label: { nl: 'Lunch', en: 'Lunch' }, unitCents: 995, totalCents: 3980, extraId: 'lunch' },
    { ...line, label: { nl: 'Klimset', en: 'Climbing gear' }, basis: 'unit', quantity: 2, totalCents: 2500, rateBp: 2100, extraId: 'gear' },
  ]);
  const mail = (lang: 'nl' | 'en', withExtras: boolean) =>
    renderMail(
      'booking_received',
      lang,
      {},
      {
        booking: bookingDetails(withExtras ? { price, groupSize: 4 } : { groupSize: 4 }),
        manageUrl: `${HOST}/b/token`,
        participantUrl: `${HOST}/p/token`,
        activityUrl: `${HOST}/activities/klimmen`,
        lostLinkUrl: `${HOST}/manage-link`,
        adminUrl: `${HOST}/admin/bookings/b00kingId_123`,
      },
    ).text;
  assert.match(mail('nl', true), /Extra’s: +Lunch \(4\), Klimset \(2\)/);
  assert.match(mail('en', true), /Extras: +Lunch \(4\), Climbing gear \(2\)/);
  assert.doesNotMatch(mail('en', false), /Extras/);
});
