import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parse } from 'node-html-parser';
import { bookingDetails } from '../../../test/booking-details.js';
import type { BookingDetails } from '../bookings/booking.js';
import type { BookingStatus } from '../shared/booking-status.js';
import { formatMoney } from '../i18n/format.js';
import { bookingPayment } from '../payments/payment-state.js';
import { withDiscount } from '../discounts/discount-code.js';
import { isAccountKind, isAlertKind, isVoucherKind, MAIL_KINDS } from '../outbox/mail.js';
import { type BookingMailKind, type MailBooking, type MailDetail, renderMail } from './mail-content.js';
import type { Language } from '../shared/language.js';

const HOST = 'https://bookings.groupz.now';
const MANAGE = `${HOST}/b/manage-token-123`;
const PARTICIPANTS = `${HOST}/p/participant-token-456`;

/** The booking's status when each mail is sent, and the detail its sender stores. */
const CASES: Record<BookingMailKind, { status: BookingStatus; detail?: MailDetail }> = {
  booking_received: { status: 'confirmed' },
  request_received: { status: 'requested' },
  option_placed: { status: 'option' },
  option_extended: { status: 'option' },
  option_expiring: { status: 'option' },
  option_expired: { status: 'expired' },
  confirmed: { status: 'confirmed' },
  changed: { status: 'confirmed', detail: { from_group_size: 10, to_group_size: 12 } },
  contact_changed: { status: 'confirmed', detail: { to_email: 'a***@nieuweschool.nl' } },
  cancelled: { status: 'cancelled', detail: { by: 'staff' } },
  visit_reminder: { status: 'confirmed' },
  balance_reminder: { status: 'confirmed' },
  manage_link: { status: 'confirmed' },
  payment_due: {
    status: 'awaiting_payment',
    detail: { due_now_cents: 1500, expires_at: '2026-06-01T10:30:00.000Z', balance_due_on: '2026-06-01' },
  },
  payment_received: { status: 'confirmed', detail: { amount_cents: 1500 } },
  payment_expired: { status: 'expired' },
  payment_refunded_late: { status: 'expired', detail: { amount_cents: 1500 } },
  payment_refunded_excess: { status: 'confirmed', detail: { amount_cents: 1500 } },
  invoices_issued: { status: 'confirmed', detail: { invoice_ids: 'x', documents: 'Factuur GZ-VAA-2027-000123 (€ 951,33)' } },
  invoice_overdue: {
    status: 'confirmed',
    detail: {
      invoice_number: 'GZ-AMS-2026-000042',
      total_cents: 30_000,
      amount_cents: 12_345,
      due_on: '2026-06-15',
      iban: 'NL91ABNA0417164300',
      payment_reference: 'GZ-7K3Q9P',
    },
  },
  staff_new_booking: { status: 'confirmed' },
  staff_booking_changed: { status: 'confirmed', detail: { change: 'group_size', from_group_size: 10, to_group_size: 12 } },
  staff_refund_failed: { status: 'confirmed', detail: { amount_cents: 1500 } },
  staff_refund_by_bank: { status: 'cancelled', detail: { amount_cents: 24500 } },
};

function subjectFor(status: BookingStatus, overrides: Partial<BookingDetails> = {}): MailBooking {
  const optionExpiresAt = status === 'option' ? new Date('2026-06-03T08:00:00Z') : null;
  return {
    booking: bookingDetails({ status, optionExpiresAt, ...overrides }),
    manageUrl: MANAGE,
    participantUrl: PARTICIPANTS,
    activityUrl: `${HOST}/activities/rondvaart`,
    lostLinkUrl: `${HOST}/manage-link`,
    adminUrl: `${HOST}/admin/bookings/b00kingId_123`,
  };
}

function render(kind: BookingMailKind, lang: Language, overrides: Partial<BookingDetails> = {}, calendar?: string) {
  const { status, detail = {} } = CASES[kind];
  return renderMail(kind, lang, detail, subjectFor(status, overrides), calendar);
}

/** The visible text of the HTML part. */
function htmlText(html: string): string {
  return parse(html)
    .querySelector('body')!
    .textContent.replace(/[ \t\r\n]+/g, ' ');
}

/** The value the HTML's facts table gives for a label. */
function fact(html: string, label: string): string | undefined {
  const row = parse(html)
    .querySelectorAll('tr')
    .find((tr) => tr.querySelector('th')?.textContent === label);
  return row?.querySelector('td')?.textContent;
}

describe('mail content', () => {
  const organiserKinds = MAIL_KINDS.filter(
    (k): k is BookingMailKind => !isAlertKind(k) && !isAccountKind(k) && !isVoucherKind(k) && !k.startsWith('staff_'),
  );
  for (const kind of organiserKinds.filter((k) => k !== 'contact_changed')) {
    test(`${kind}: Dutch and English, text and HTML, naming the reference, the visit and the manage link`, () => {
      const nl = render(kind, 'nl');
      const en = render(kind, 'en');
      assert.notEqual(nl.subject, en.subject, 'the subject is translated');
      for (const [lang, mail] of [
        ['nl', nl],
        ['en', en],
      ] as const) {
        assert.ok(mail.subject.includes('GZ-AB12-CD34'), `${lang} subject names the reference`);
        const html = htmlText(mail.html);
        for (const part of [mail.text, html]) {
          assert.ok(part.includes('GZ-AB12-CD34'));
          assert.ok(part.includes(lang === 'nl' ? 'Rondvaart door de grachten' : 'Canal cruise'));
          assert.ok(part.includes('Rederij Amstel, Damrak 1'));
          assert.ok(part.includes(lang === 'nl' ? 'ma 15 jun 2026, 10:00–11:30' : 'Mon 15 Jun 2026, 10:00–11:30'), 'Amsterdam time');
          assert.ok(part.includes(formatMoney(12 * 1250, lang)), 'the total');
          assert.ok(part.includes(MANAGE), 'the manage link');
          assert.ok(part.includes(lang === 'nl' ? 'Goedendag,' : 'Hello,'));
        }
        const groupSize = lang === 'nl' ? 'Aantal personen' : 'Number of people';
        assert.ok(mail.text.includes(`${groupSize}: 12`));
        assert.equal(fact(mail.html, groupSize), '12');
        assert.equal(fact(mail.html, lang === 'nl' ? 'Boekingsnummer' : 'Booking reference'), 'GZ-AB12-CD34');
        assert.equal(parse(mail.html).querySelector('html')?.getAttribute('lang'), lang);
        assert.ok(parse(mail.html).querySelector(`a[href="${MANAGE}"]`), 'the manage link is a link');
        const participants = ['booking_received', 'confirmed', 'option_placed'].includes(kind);
        assert.equal(mail.text.includes(PARTICIPANTS), participants, 'the participant link where the group is to be told');
        assert.equal(mail.html.includes(PARTICIPANTS), participants);
      }
    });
  }

  test('the previous address of a changed contact: the masked new address and the venue, no link to the booking', () => {
    for (const [lang, intro] of [
      ['nl', 'Rederij Amstel heeft het contactadres van boeking GZ-AB12-CD34 gewijzigd in a***@nieuweschool.nl.'],
      ['en', 'Rederij Amstel has changed the contact address of booking GZ-AB12-CD34 to a***@nieuweschool.nl.'],
    ] as const) {
      const mail = render('contact_changed', lang);
      assert.match(mail.subject, /GZ-AB12-CD34/);
      assert.ok(mail.text.includes(intro), mail.text);
      assert.ok(htmlText(mail.html).includes(intro));
      for (const part of [mail.text, mail.html]) {
        assert.ok(!part.includes(MANAGE) && !part.includes(PARTICIPANTS), 'no link to the booking');
        assert.ok(!part.includes('Jan Jansen') && !part.includes('De Linde'), 'nothing typed by whoever booked');
      }
    }
  });

  test('what each status means: the option deadline and how to confirm, the request, the released places', () => {
    const placed = render('option_placed', 'nl');
    assert.match(placed.text, /vast tot wo 3 jun 2026 om 10:00\. Bevestig de optie vóór die tijd/);
    assert.match(placed.text, /Optie geldig tot: wo 3 jun 2026 om 10:00/);
    const expiring = render('option_expiring', 'en');
    assert.match(expiring.text, /expires within 24 hours/);
    assert.match(expiring.text, /until Wed 3 Jun 2026 at 10:00\. Confirm the option before then/);
    assert.match(render('option_expired', 'en').text, /The places have been released/);
    assert.ok(render('option_expired', 'en').text.includes(`${HOST}/activities/rondvaart`), 'a way to book again');
    assert.match(render('request_received', 'nl').text, /De locatie beoordeelt uw aanvraag/);
    assert.match(render('changed', 'en').text, /from 10 to 12/);
    assert.match(render('cancelled', 'nl').text, /Rederij Amstel heeft uw boeking geannuleerd/);
    const byOrganiser = renderMail('cancelled', 'en', { by: 'organiser' }, subjectFor('cancelled'));
    assert.match(byOrganiser.text, /has been cancelled, as you asked/);
    assert.doesNotMatch(byOrganiser.text, /refund/);
    const refunded = renderMail('cancelled', 'en', { by: 'organiser', refund_cents: 2550 }, subjectFor('cancelled'));
    assert.match(refunded.text, /Under the cancellation policy we refund €\s?25\.50 to the account you paid from/);
    assert.match(renderMail('changed', 'nl', { refund_cents: 1000 }, subjectFor('confirmed')).text, /betalen wij u €\s?10,00 terug/);
    // What a gift voucher paid goes back onto it, the rest to the account.
    const split = renderMail(
      'cancelled',
      'en',
      { by: 'organiser', refund_cents: 2550, refund_voucher_cents: 2000 },
      subjectFor('cancelled'),
    );
    assert.match(split.text, /we refund €\s?5\.50 to the account you paid from\. .* €\s?20\.00 is back on your gift voucher/);
    const onVoucher = renderMail('payment_expired', 'nl', { refund_cents: 2000, refund_voucher_cents: 2000 }, subjectFor('expired'));
    assert.match(onVoucher.text, /€\s?20,00 staat weer op uw cadeaubon/);
    assert.doesNotMatch(onVoucher.text, /rekening waarmee u betaalde/);
    assert.match(render('visit_reminder', 'en').subject, /^Reminder: Canal cruise on Mon 15 Jun 2026 \(GZ-AB12-CD34\)$/);
  });

  test('subjects and first lines say what happened, to a booking, an option or a request', () => {
    /** The subject and the line after the greeting. */
    const said = (kind: BookingMailKind, lang: Language, status: BookingStatus, detail: MailDetail = {}) => {
      const mail = renderMail(kind, lang, detail, subjectFor(status));
      return [mail.subject, mail.text.split('\n\n')[1]];
    };
    const cases: [BookingMailKind, Language, BookingStatus, MailDetail, string, string][] = [
      [
        'booking_received',
        'nl',
        'confirmed',
        {},
        'Boeking GZ-AB12-CD34 bevestigd: Rondvaart door de grachten',
        'Bedankt voor uw boeking bij Rederij Amstel: die is bevestigd.',
      ],
      [
        'booking_received',
        'en',
        'confirmed',
        {},
        'Booking GZ-AB12-CD34 confirmed: Canal cruise',
        'Thank you for your booking at Rederij Amstel: it is confirmed.',
      ],
      [
        'request_received',
        'nl',
        'requested',
        {},
        'Aanvraag GZ-AB12-CD34 ontvangen, nog niet bevestigd: Rondvaart door de grachten',
        'Bedankt voor uw aanvraag bij Rederij Amstel. De boeking is nog niet bevestigd.',
      ],
      ['option_placed', 'en', 'option', {}, 'Option GZ-AB12-CD34 placed: Canal cruise', 'You have placed an option at Rederij Amstel.'],
      ['changed', 'nl', 'option', {}, 'Optie GZ-AB12-CD34 gewijzigd', 'Uw boeking is gewijzigd.'],
      ['changed', 'en', 'requested', {}, 'Request GZ-AB12-CD34 changed', 'Your booking has been changed.'],
      [
        'cancelled',
        'nl',
        'cancelled',
        { by: 'staff', from: 'requested' },
        'Aanvraag GZ-AB12-CD34 afgewezen',
        'Rederij Amstel heeft uw aanvraag afgewezen.',
      ],
      [
        'cancelled',
        'en',
        'cancelled',
        { by: 'organiser', from: 'requested' },
        'Request GZ-AB12-CD34 withdrawn',
        'Your request to Rederij Amstel has been withdrawn, as you asked.',
      ],
      [
        'cancelled',
        'en',
        'cancelled',
        { by: 'organiser', from: 'option' },
        'Option GZ-AB12-CD34 cancelled',
        'Your option at Rederij Amstel has been cancelled, as you asked.',
      ],
      [
        'cancelled',
        'nl',
        'cancelled',
        { by: 'staff', from: 'confirmed' },
        'Boeking GZ-AB12-CD34 geannuleerd',
        'Rederij Amstel heeft uw boeking geannuleerd.',
      ],
      // A mail queued before cancellations named what they left: a booking.
      ['cancelled', 'en', 'cancelled', { by: 'staff' }, 'Booking GZ-AB12-CD34 cancelled', 'Rederij Amstel has cancelled your booking.'],
      [
        'confirmed',
        'nl',
        'confirmed',
        {},
        'Boeking GZ-AB12-CD34 bevestigd: Rondvaart door de grachten',
        'Uw boeking bij Rederij Amstel is bevestigd.',
      ],
    ];
    for (const [kind, lang, status, detail, subject, intro] of cases) {
      assert.deepEqual(said(kind, lang, status, detail), [subject, intro], `${kind} ${lang} ${status} ${JSON.stringify(detail)}`);
    }
    const staffNew = (status: BookingStatus) => renderMail('staff_new_booking', 'nl', {}, subjectFor(status));
    assert.equal(
      staffNew('requested').subject,
      'Nieuwe aanvraag GZ-AB12-CD34: Rondvaart door de grachten / New request GZ-AB12-CD34: Canal cruise',
    );
    assert.match(staffNew('requested').text, /wacht op uw beslissing/);
    assert.equal(
      staffNew('option').subject,
      'Nieuwe optie GZ-AB12-CD34: Rondvaart door de grachten / New option GZ-AB12-CD34: Canal cruise',
    );
  });

  test("the documents' mail says what it carries: invoices, credit notes or both; no price for a cancelled booking", () => {
    const issued = (lang: Language, status: BookingStatus, contents?: string) => {
      const detail: MailDetail = { invoice_ids: 'x', documents: 'GZ-VAA-2027-000123', ...(contents ? { contents } : {}) };
      const mail = renderMail('invoices_issued', lang, detail, subjectFor(status));
      return { subject: mail.subject, intro: mail.text.split('\n\n')[1], text: mail.text };
    };
    const credit = issued('nl', 'cancelled', 'credit_note');
    assert.equal(credit.subject, 'Creditnota voor uw boeking GZ-AB12-CD34');
    assert.match(credit.intro!, /^Rederij Amstel stuurt u hierbij de creditnota voor uw boeking/);
    assert.doesNotMatch(credit.text, /Totaal \(incl\. btw\)/, 'a cancelled booking owes no price');
    const creditEn = issued('en', 'expired', 'credit_note');
    assert.equal(creditEn.subject, 'Credit note for your booking GZ-AB12-CD34');
    assert.match(creditEn.intro!, /^Rederij Amstel sends you the credit note for your booking/);
    assert.doesNotMatch(creditEn.text, /Total \(incl\. VAT\)/);
    const both = issued('en', 'confirmed', 'both');
    assert.equal(both.subject, 'Invoice and credit note for your booking GZ-AB12-CD34');
    assert.match(both.intro!, /sends you the invoice and the credit note/);
    assert.match(both.text, /Total \(incl\. VAT\)/, 'a standing booking states its price');
    assert.equal(issued('nl', 'confirmed', 'both').subject, 'Factuur en creditnota voor uw boeking GZ-AB12-CD34');
    const invoice = issued('nl', 'confirmed', 'invoice');
    assert.equal(invoice.subject, 'Factuur voor uw boeking GZ-AB12-CD34');
    assert.match(invoice.intro!, /stuurt u hierbij de factuur voor uw boeking/);
    assert.equal(issued('en', 'confirmed').subject, 'Invoice for your booking GZ-AB12-CD34', 'a mail queued before it named its contents');
  });

  test('the attached calendar file is named in the mail', () => {
    assert.match(render('confirmed', 'en', {}, 'GZ-AB12-CD34.ics').text, /The attached file GZ-AB12-CD34\.ics adds the visit/);
    assert.doesNotMatch(render('confirmed', 'en').text, /\.ics/);
  });

  test("a cancelled booking's calendar file takes the visit out of the calendar", () => {
    const mail = render('cancelled', 'en', {}, 'GZ-AB12-CD34.ics');
    assert.match(mail.text, /The attached file GZ-AB12-CD34\.ics removes the visit from your calendar/);
    assert.doesNotMatch(mail.text, /adds the visit/);
    assert.match(render('cancelled', 'nl', {}, 'GZ-AB12-CD34.ics').text, /haalt u het bezoek uit uw agenda/);
  });

  test("the organiser's mails give the venue's address, e-mail, phone and website, as far as it gave them", () => {
    const mail = render('confirmed', 'en');
    assert.equal(fact(mail.html, 'Address of Rederij Amstel'), 'Damrak 1, 1012 LG Amsterdam');
    assert.equal(fact(mail.html, 'Email of Rederij Amstel'), 'info@rederij-amstel.example.nl');
    assert.equal(fact(mail.html, 'Phone of Rederij Amstel'), '020 123 4567');
    assert.equal(fact(mail.html, 'Website of Rederij Amstel'), 'https://rederij-amstel.example.nl');
    assert.match(mail.text, /Address of Rederij Amstel: Damrak 1, 1012 LG Amsterdam/);
    const venue = { ...bookingDetails().activity.venue, address: null, website: null };
    const bare = render('confirmed', 'nl', { activity: { ...bookingDetails().activity, venue } });
    assert.equal(fact(bare.html, 'Adres van Rederij Amstel'), undefined);
    assert.equal(fact(bare.html, 'Website van Rederij Amstel'), undefined);
    assert.equal(fact(bare.html, 'Telefoon van Rederij Amstel'), '020 123 4567');
  });

  test('a group counted by price category is named with its party', () => {
    const pricing = [
      { label: { nl: 'Leerling', en: 'Pupil' }, basis: 'category', key: 'pupil', vat: 'low', amountCents: 950 },
      { label: { nl: 'Begeleider', en: 'Adult' }, basis: 'category', key: 'adult', vat: 'low', amountCents: 1650 },
      { label: { nl: 'Kind onder 4', en: 'Child under 4' }, basis: 'category', key: 'infant', vat: 'low', amountCents: 0 },
    ] as const;
    const booking = {
      activity: { ...bookingDetails().activity, pricing: [...pricing] },
      groupSize: 27,
      party: { pupil: 24, adult: 3, infant: 0 },
    };
    assert.equal(fact(render('confirmed', 'nl', booking).html, 'Aantal personen'), '27 (Leerling 24, Begeleider 3)');
    assert.equal(fact(render('confirmed', 'en', booking).html, 'Number of people'), '27 (Pupil 24, Adult 3)');
    assert.equal(fact(render('confirmed', 'en').html, 'Number of people'), '12', 'a group size alone without categories');
  });

  test("a group's size and its party are written the language's way, in the organiser's mails and the staff's", () => {
    const pricing = [
      { label: { nl: 'Leerling', en: 'Pupil' }, basis: 'category', key: 'pupil', vat: 'low', amountCents: 950 },
      { label: { nl: 'Begeleider', en: 'Adult' }, basis: 'category', key: 'adult', vat: 'low', amountCents: 1650 },
    ] as const;
    const party = {
      activity: { ...bookingDetails().activity, pricing: [...pricing] },
      groupSize: 2026,
      party: { pupil: 1900, adult: 126 },
    };
    assert.equal(fact(render('confirmed', 'nl', party).html, 'Aantal personen'), '2.026 (Leerling 1.900, Begeleider 126)');
    assert.equal(fact(render('confirmed', 'en', party).html, 'Number of people'), '2,026 (Pupil 1,900, Adult 126)');
    for (const kind of ['booking_received', 'visit_reminder'] as const) {
      assert.match(render(kind, 'nl', { groupSize: 2026 }).text, /Aantal personen: 2\.026\n/, kind);
      assert.match(render(kind, 'en', { groupSize: 1500 }).text, /Number of people: 1,500\n/, kind);
    }
    const staff = render('staff_new_booking', 'nl', { groupSize: 2026 }).text;
    assert.match(staff, /Aantal personen: 2\.026\n/);
    assert.match(staff, /Number of people: 2,026\n/);
  });

  test('the HTML is self-contained and loads nothing', () => {
    const mail = render('booking_received', 'nl');
    assert.ok(mail.html.startsWith('<!doctype html>'));
    const document = parse(mail.html);
    assert.equal(document.querySelectorAll('img, link, script, iframe, style[src]').length, 0);
    assert.ok(!/\bsrc=|url\(|@import/.test(mail.html), 'nothing loaded from anywhere');
    for (const a of document.querySelectorAll('a')) assert.ok(a.getAttribute('href')?.startsWith(`${HOST}/`));
  });

  test("nothing the booker typed reaches the organiser's address; the first mails say why they came and how to undo", () => {
    const typed = { name: 'Win a prize at spam.example', organisation: 'Cheap pills <b>now</b>', notes: 'Call +31 900 123' };
    for (const kind of MAIL_KINDS.filter(
      (k): k is BookingMailKind => !isAlertKind(k) && !isAccountKind(k) && !isVoucherKind(k) && !k.startsWith('staff_'),
    )) {
      for (const lang of ['nl', 'en'] as const) {
        const mail = render(kind, lang, typed);
        for (const part of [mail.subject, mail.text, mail.html]) {
          for (const text of ['spam.example', 'Cheap pills', '900 123']) assert.ok(!part.includes(text), `${kind} ${lang}: ${text}`);
        }
        const first = ['booking_received', 'request_received', 'option_placed'].includes(kind);
        const why =
          lang === 'nl'
            ? 'U krijgt deze e-mail omdat dit adres via Groupz is opgegeven voor een boeking bij Rederij Amstel. Heeft u niet geboekt? Annuleer de boeking dan met de link hieronder'
            : 'You get this email because this address was given for a booking at Rederij Amstel through Groupz. Did you not book? Then please cancel the booking with the link below';
        assert.equal(mail.text.includes(why), first, `${kind} ${lang}: why it came`);
        assert.equal(htmlText(mail.html).includes(why), first);
      }
    }
  });

  test("a booking's first mail names the address's other active bookings of the slot, with where to ask for their links", () => {
    const earlier = { earlier_references: 'GZ-EEEE-1111, GZ-EEEE-2222' };
    for (const lang of ['nl', 'en'] as const) {
      for (const kind of ['booking_received', 'request_received', 'option_placed', 'confirmed'] as const) {
        const mail = renderMail(kind, lang, earlier, subjectFor(CASES[kind].status));
        const named = kind !== 'confirmed';
        for (const part of [mail.text, htmlText(mail.html)]) {
          assert.equal(part.includes('GZ-EEEE-1111, GZ-EEEE-2222'), named, `${kind} ${lang}`);
          assert.equal(part.includes(lang === 'nl' ? 'Wilde u maar één groep boeken?' : 'Did you mean to book one group only?'), named);
        }
        assert.equal(mail.text.includes(`${HOST}/manage-link`), named, `${kind} ${lang}: the lost-link page`);
      }
      const plain = renderMail('booking_received', lang, {}, subjectFor('confirmed'));
      assert.ok(!plain.text.includes('/manage-link'), 'without other bookings, nothing about them');
    }
  });

  test('staff notices: Dutch and English in one mail, the back-office link, no organiser link', () => {
    for (const kind of ['staff_new_booking', 'staff_booking_changed'] as const) {
      // The language of the outbox row does not matter: staff read both.
      const mail = render(kind, 'en');
      assert.ok(mail.subject.includes('GZ-AB12-CD34'));
      const [nlSubject, enSubject] = mail.subject.split(' / ');
      assert.match(nlSubject!, kind === 'staff_new_booking' ? /^Nieuwe boeking GZ-AB12-CD34/ : /^Boeking GZ-AB12-CD34 gewijzigd/);
      assert.match(enSubject!, kind === 'staff_new_booking' ? /^New booking GZ-AB12-CD34/ : /^Booking GZ-AB12-CD34 changed/);
      for (const part of [mail.text, htmlText(mail.html)]) {
        assert.ok(part.includes('Rondvaart door de grachten') && part.includes('Canal cruise'), 'both languages');
        assert.ok(part.includes('Bevestigd') && part.includes('Confirmed'), 'the status');
        assert.ok(part.includes(`${HOST}/admin/bookings/b00kingId_123`));
        assert.ok(!part.includes(MANAGE) && !part.includes(PARTICIPANTS), 'no organiser link');
        assert.ok(!part.includes('/b/') && !part.includes('/p/'));
      }
      assert.deepEqual(
        parse(mail.html)
          .querySelectorAll('[lang]')
          .map((e) => e.getAttribute('lang')),
        ['nl', 'nl', 'en'],
      );
    }
    const changed = render('staff_booking_changed', 'nl');
    assert.match(changed.text, /aantal personen gewijzigd van 10 naar 12/);
    assert.match(changed.text, /group size changed from 10 to 12/);
    const cancelled = renderMail('staff_booking_changed', 'nl', { change: 'cancelled', by: 'organiser' }, subjectFor('cancelled'));
    assert.match(cancelled.subject, /^Boeking GZ-AB12-CD34 gewijzigd: geannuleerd \/ Booking GZ-AB12-CD34 changed: cancelled$/);
    const expired = renderMail('staff_booking_changed', 'nl', { change: 'expired', by: 'system' }, subjectFor('expired'));
    assert.match(expired.subject, /gewijzigd: optie verlopen, plaatsen vrijgegeven \/ .* changed: option expired, places released$/);
  });

  test('paying: the amount due now, until when, the pay link first, the rest and its date; the receipt and the late refund', () => {
    const due = render('payment_due', 'nl');
    assert.equal(parse(due.html).querySelector('a')?.getAttribute('href'), `${MANAGE}/pay`, 'the pay link is the button');
    assert.equal(fact(due.html, 'Nu te betalen'), formatMoney(1500, 'nl'));
    assert.equal(fact(due.html, 'Betalen vóór'), 'ma 1 jun 2026 om 12:30');
    assert.equal(fact(due.html, 'Restbedrag'), `${formatMoney(12 * 1250 - 1500, 'nl')}, te betalen uiterlijk ma 1 jun 2026`);
    assert.ok(due.text.includes(`Betaal ${formatMoney(1500, 'nl')} om de boeking te bevestigen`));
    // A gift voucher paid part when it was placed: named, and not counted again in the rest.
    const withVoucher = renderMail(
      'payment_due',
      'nl',
      { voucher_cents: 5000, due_now_cents: 4000, expires_at: '2026-06-01T10:30:00.000Z', balance_due_on: '2026-06-01' },
      subjectFor('awaiting_payment'),
    );
    assert.equal(fact(withVoucher.html, 'Betaald met cadeaubon'), formatMoney(5000, 'nl'));
    assert.equal(fact(withVoucher.html, 'Nu te betalen'), formatMoney(4000, 'nl'));
    assert.equal(fact(withVoucher.html, 'Restbedrag'), `${formatMoney(12 * 1250 - 5000 - 4000, 'nl')}, te betalen uiterlijk ma 1 jun 2026`);
    const received = render('payment_received', 'en');
    assert.ok(received.text.includes(`your payment of ${formatMoney(1500, 'en')}`));
    assert.ok(!received.text.includes(`${MANAGE}/pay`), 'nothing more to pay');
    const late = render('payment_refunded_late', 'en');
    assert.ok(late.text.includes(`payment of ${formatMoney(1500, 'en')}`));
    assert.equal(fact(late.html, 'Refund'), formatMoney(1500, 'en'));
    assert.ok(late.text.includes('after the payment window had ended'));
    const staff = renderMail('staff_booking_changed', 'nl', { change: 'late_refund', by: 'system' }, subjectFor('expired'));
    assert.match(staff.subject, /betaling te laat, plaatsen bezet: automatisch terugbetaald/);
    // Paid after the booking was cancelled: no word of a window or of places taken.
    const afterCancel = renderMail('payment_refunded_late', 'nl', { amount_cents: 1500 }, subjectFor('cancelled'));
    assert.ok(afterCancel.text.includes('kwam binnen nadat de boeking was geannuleerd'), afterCancel.text);
    assert.ok(!afterCancel.text.includes('betaaltermijn'));
    const staffCancelled = renderMail('staff_booking_changed', 'en', { change: 'cancelled_refund', by: 'system' }, subjectFor('cancelled'));
    assert.match(staffCancelled.subject, /paid after cancelling: refunded automatically/);
  });

  test("a deposit's receipt names what is paid once, with what is still to pay and by when", () => {
    const state = {
      status: 'partly_paid',
      paidCents: 4500,
      refundedCents: 0,
      pendingRefundCents: 0,
      dueCents: 10500,
      dueNowCents: 0,
      balanceDueOn: '2026-06-01',
    } as const;
    const subject = {
      ...subjectFor('confirmed'),
      payment: { state, payBy: 'online', billingReference: '', payUrl: `${MANAGE}/pay`, adjustmentCents: 0 },
    } as const;
    for (const [lang, paid, due] of [
      ['nl', 'Betaald', 'Nog te betalen'],
      ['en', 'Paid', 'Still to pay'],
    ] as const) {
      const mail = renderMail('payment_received', lang, { amount_cents: 4500 }, subject);
      const labels = parse(mail.html)
        .querySelectorAll('th')
        .map((th) => th.textContent);
      assert.equal(labels.filter((label) => label.startsWith(paid)).length, 1, `one paid line: ${labels.join(', ')}`);
      assert.equal(mail.text.split('\n').filter((line) => line.startsWith(paid)).length, 1);
      assert.equal(fact(mail.html, due), formatMoney(10500, lang));
    }
  });

  test('a booking placed and paid in part by a gift voucher says what is paid and what is still to pay', () => {
    const state = {
      status: 'none',
      paidCents: 2000,
      refundedCents: 0,
      pendingRefundCents: 0,
      dueCents: 13000,
      dueNowCents: 0,
      balanceDueOn: null,
    } as const;
    const subject = {
      ...subjectFor('confirmed'),
      payment: { state, payBy: 'venue', billingReference: '', payUrl: undefined, adjustmentCents: 0 },
    } as const;
    const mail = renderMail('booking_received', 'nl', {}, subject);
    assert.equal(fact(mail.html, 'Betaald tot nu toe'), formatMoney(2000, 'nl'));
    assert.equal(fact(mail.html, 'Nog te betalen'), formatMoney(13000, 'nl'));
    const unpaid = renderMail(
      'booking_received',
      'nl',
      {},
      { ...subject, payment: { ...subject.payment, state: { ...state, paidCents: 0 } } },
    );
    assert.equal(fact(unpaid.html, 'Betaald tot nu toe'), undefined, 'nothing paid: no money facts');
  });

  test('every mail stating the price states the fee kept (or goodwill) beside it and what is still to pay, however it pays', () => {
    const labels = {
      nl: {
        fee: 'Ingehouden kosten, boven de prijs',
        goodwill: 'Coulance, van de prijs af',
        total: 'Totaal (incl. btw)',
        due: 'Nog te betalen',
      },
      en: { fee: 'Fees kept, on top of the price', goodwill: 'Goodwill, off the price', total: 'Total (incl. VAT)', due: 'Still to pay' },
    } as const;
    const mails = organiserKinds
      .filter((k) => k !== 'contact_changed' && k !== 'invoice_overdue')
      .map((kind) => ({ kind, ...CASES[kind] }));
    // The documents of a cancelled or expired booking state no price, so no fee beside it.
    for (const { kind, status, detail = {} } of [
      ...mails,
      { ...CASES.invoices_issued, kind: 'invoices_issued', status: 'cancelled' } as const,
    ]) {
      const priced = !(kind === 'invoices_issued' && (status === 'cancelled' || status === 'expired'));
      for (const payBy of ['venue', 'online', 'invoice'] as const) {
        for (const adjustmentCents of [1250, -500]) {
          const terms = { status, payBy, depositPercent: 100, totalCents: 15_000, adjustmentCents, balanceDueOn: '2026-06-01' };
          const state = bookingPayment(terms, { paidCents: 0, refundedCents: 0 });
          const payment = { state, payBy, billingReference: '', payUrl: `${MANAGE}/pay`, adjustmentCents };
          for (const lang of ['nl', 'en'] as const) {
            const mail = renderMail(kind, lang, detail, { ...subjectFor(status), payment });
            const label = labels[lang][adjustmentCents > 0 ? 'fee' : 'goodwill'];
            const where = `${kind} ${payBy} ${lang}: ${mail.text}`;
            assert.equal(fact(mail.html, label), priced ? formatMoney(Math.abs(adjustmentCents), lang) : undefined, where);
            if (!priced) continue;
            assert.equal(fact(mail.html, labels[lang].due), formatMoney(state.dueCents, lang), where);
            const rows = parse(mail.html)
              .querySelectorAll('th')
              .map((th) => th.textContent);
            assert.equal(rows.indexOf(label), rows.indexOf(labels[lang].total) + 1, `beside the price: ${where}`);
          }
        }
      }
    }
  });

  test('an overpayment goes back with its own words, not those of a late payment', () => {
    const nl = render('payment_refunded_excess', 'nl');
    assert.match(nl.subject, /^Teveel betaald voor boeking GZ-AB12-CD34/);
    assert.ok(nl.text.includes(`meer betaald dan de boeking kost. Wij betalen u ${formatMoney(1500, 'nl')} terug`), nl.text);
    assert.ok(!/te laat|betaaltermijn/.test(nl.text));
    const en = render('payment_refunded_excess', 'en');
    assert.ok(
      en.text.includes(`more for your booking at Rederij Amstel than the booking owes. We refund ${formatMoney(1500, 'en')}`),
      en.text,
    );
    assert.ok(!/too late|payment window/.test(en.text));
    assert.equal(fact(en.html, 'Refund'), formatMoney(1500, 'en'));
    const staff = renderMail('staff_booking_changed', 'nl', { change: 'excess_refund', by: 'system' }, subjectFor('confirmed'));
    assert.match(staff.subject, /meer betaald dan de boeking kost/);
    assert.match(staff.subject, /paid more than the booking costs/);
  });

  test('a refund Mollie did not make: staff are told the amount, to refund it by hand, in both languages', () => {
    const mail = render('staff_refund_failed', 'en');
    const amount = formatMoney(1500, 'nl');
    assert.equal(
      mail.subject,
      `Terugbetaling van ${amount} mislukt voor boeking GZ-AB12-CD34: zelf terugbetalen / Refund of ${formatMoney(1500, 'en')} failed for booking GZ-AB12-CD34: refund it yourself`,
    );
    assert.ok(mail.text.includes(`terugbetaling van ${amount} voor deze boeking niet uitgevoerd. Betaal dit bedrag zelf terug`));
    assert.ok(mail.text.includes('Please refund this amount to the organiser yourself'));
    assert.ok(mail.text.includes(`${HOST}/admin/bookings/b00kingId_123`));
  });

  test("an overdue invoice's reminder: the number, what is still to pay, the due date, the IBAN and the reference to quote", () => {
    for (const [lang, subject, intro] of [
      [
        'nl',
        'Herinnering: factuur GZ-AMS-2026-000042 voor boeking GZ-AB12-CD34 is nog niet betaald',
        `Factuur GZ-AMS-2026-000042 voor uw bezoek aan Rederij Amstel op ma 15 jun 2026 had uiterlijk ma 15 jun 2026 betaald moeten zijn, maar wij hebben de betaling nog niet (volledig) ontvangen. Wilt u ${formatMoney(12_345, 'nl')} overmaken naar NL91 ABNA 0417 1643 00, onder vermelding van GZ-7K3Q9P?`,
      ],
      [
        'en',
        'Reminder: invoice GZ-AMS-2026-000042 for booking GZ-AB12-CD34 has not been paid',
        `Invoice GZ-AMS-2026-000042 for your visit to Rederij Amstel on Mon 15 Jun 2026 was due by Mon 15 Jun 2026, but we have not received (all of) the payment yet. Please transfer ${formatMoney(12_345, 'en')} to NL91 ABNA 0417 1643 00, quoting GZ-7K3Q9P.`,
      ],
    ] as const) {
      const mail = render('invoice_overdue', lang);
      assert.equal(mail.subject, subject);
      assert.ok(mail.text.includes(intro), mail.text);
      assert.ok(htmlText(mail.html).includes(intro));
      const labels =
        lang === 'nl'
          ? ['Factuurnummer', 'Factuurbedrag', 'Nog te betalen', 'Vervaldatum', 'IBAN', 'Betalingskenmerk']
          : ['Invoice number', 'Invoice amount', 'Still to pay', 'Due date', 'IBAN', 'Payment reference'];
      assert.deepEqual(
        labels.map((label) => fact(mail.html, label)),
        [
          'GZ-AMS-2026-000042',
          formatMoney(30_000, lang),
          formatMoney(12_345, lang),
          lang === 'nl' ? 'ma 15 jun 2026' : 'Mon 15 Jun 2026',
          'NL91 ABNA 0417 1643 00',
          'GZ-7K3Q9P',
        ],
      );
      assert.ok(parse(mail.html).querySelector(`a[href="${MANAGE}"]`), 'the manage link');
    }
  });
});

test("a discount code's discount is stated before the total, in the mail's language", () => {
  const price = withDiscount(bookingDetails().price, { code: 'ZOMER10', kind: 'percent', percent: 10 }, 12);
  for (const [lang, line] of [
    ['nl', 'Korting ZOMER10'],
    ['en', 'Discount ZOMER10'],
  ] as const) {
    const { text } = render('booking_received', lang, { price });
    const discount = text.indexOf(`${line}: ${formatMoney(-1500, lang)}`);
    assert.ok(discount > 0, text);
    assert.ok(text.indexOf(formatMoney(13_500, lang), discount) > discount, 'the total after it');
  }
});
