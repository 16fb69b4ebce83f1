import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { priceFor } from '../catalog/pricing.js';
import { buyerOf } from './invoice-buyer.js';
import { type InvoicingState, type StandingInvoice, targetInvoices } from './invoice-targets.js';

const price = priceFor(
  [
    { label: { nl: 'Toegang', en: 'Entrance' }, basis: 'person', vat: 'low', amountCents: 1795 },
    { label: { nl: 'Gids', en: 'Guide' }, basis: 'group', vat: 'high', amountCents: 8995 },
  ],
  13,
  { low: 900, high: 2100 },
);
const state: InvoicingState = {
  status: 'confirmed',
  payBy: 'online',
  language: 'en',
  subject: 'Test, Sat 15 Jul 2026, 10:00',
  price,
  adjustmentCents: 0,
  netPaidCents: 0,
  paidCents: 0,
};
const purposes = (s: InvoicingState, standing: StandingInvoice[] = []) =>
  targetInvoices(s, standing).map((t) =>
    'keep' in t ? `keep ${t.keep}` : `${t.purpose} ${t.lines.reduce((a, l) => a + l.grossCents, 0)}`,
  );

describe('the invoices a booking should have', () => {
  test('by how it pays and what it paid', () => {
    const owed = price.totalCents;
    assert.deepEqual(purposes(state), [], 'online, nothing paid');
    assert.deepEqual(purposes({ ...state, netPaidCents: 5000, paidCents: 5000 }), ['deposit 5000']);
    assert.deepEqual(purposes({ ...state, netPaidCents: owed, paidCents: owed }), [`full ${owed}`]);
    assert.deepEqual(purposes({ ...state, netPaidCents: owed + 100, paidCents: owed + 100 }), [`full ${owed}`], 'overpaid: what it owes');
    assert.deepEqual(purposes({ ...state, payBy: 'venue' }), [], 'at the venue, nothing recorded');
    assert.deepEqual(purposes({ ...state, payBy: 'invoice' }), [`full ${owed}`]);
    assert.deepEqual(purposes({ ...state, payBy: 'invoice', status: 'option' }), [], 'not confirmed yet');
    assert.deepEqual(purposes({ ...state, payBy: 'invoice', status: 'cancelled' }), [], 'cancelled, nothing paid');
    assert.deepEqual(purposes({ ...state, status: 'expired', netPaidCents: 700, paidCents: 1400 }), ['cancellation 700']);
    assert.deepEqual(
      purposes({ ...state, adjustmentCents: -1000, payBy: 'invoice' }),
      [`full ${owed - 1000}`],
      'goodwill as its own lines',
    );
  });

  test('a standing deposit stays while it says what was paid, and the final invoice deducts it', () => {
    const deposit: StandingInvoice = {
      id: 'd',
      number: 'GZ-1',
      issueDate: '2026-06-01',
      purpose: 'deposit',
      totalCents: 5000,
      lines: [],
      vat: [
        { vatRateBp: 2100, netCents: 1150, vatCents: 241 },
        { vatRateBp: 900, netCents: 3311, vatCents: 298 },
      ],
    };
    assert.deepEqual(purposes({ ...state, netPaidCents: 5000, paidCents: 5000 }, [deposit]), ['keep d']);
    assert.deepEqual(purposes({ ...state, netPaidCents: 6000, paidCents: 6000 }, [deposit]), ['deposit 6000'], 'more paid: a new deposit');
    const owed = price.totalCents;
    assert.deepEqual(purposes({ ...state, netPaidCents: owed, paidCents: owed }, [deposit]), ['keep d', `final ${owed - 5000}`]);
  });

  test('once visited, the service is invoiced in full, whatever is still unpaid', () => {
    const owed = price.totalCents;
    const deposit: StandingInvoice = {
      id: 'd',
      number: 'GZ-1',
      issueDate: '2026-06-01',
      purpose: 'deposit',
      totalCents: 5000,
      lines: [],
      vat: [{ vatRateBp: 900, netCents: 4587, vatCents: 413 }],
    };
    const visited = { ...state, status: 'completed', netPaidCents: 5000, paidCents: 5000 };
    const [kept, final] = targetInvoices(visited, [deposit]);
    assert.deepEqual(kept, { keep: 'd' });
    assert.ok(final && 'purpose' in final && final.purpose === 'final');
    assert.equal(final.prepaidCents, 0, 'nothing of the rest was paid: all of it is payable');
    assert.equal(
      final.lines.reduce((a, l) => a + l.grossCents, 0),
      owed - 5000,
    );
    assert.deepEqual(purposes({ ...state, status: 'completed' }), [`full ${owed}`], 'online, nothing paid, visited');
    assert.deepEqual(purposes({ ...state, status: 'completed', payBy: 'venue' }), [], 'paid at the venue: its till receipt');
  });

  test('the buyer from the billing details: a Dutch address read into its parts', () => {
    const buyer = buyerOf({
      organiser_name: 'Jan Jansen',
      organiser_email: 'jan@example.nl',
      organisation: 'De Linde',
      billing_organisation: 'Stichting De Linde',
      billing_address: 'Postbus 12\nLindelaan 1\n3500aa  Utrecht',
      billing_reference: 'PO-1',
      billing_vat_id: null,
      billing_country: null,
    });
    assert.deepEqual(
      [buyer.name, buyer.street, buyer.postcode, buyer.city, buyer.reference],
      ['Stichting De Linde', 'Lindelaan 1', '3500 AA', 'Utrecht', 'PO-1'],
    );
    const plain = buyerOf({
      organiser_name: 'Jan',
      organiser_email: 'j@x.nl',
      organisation: '',
      billing_organisation: null,
      billing_address: null,
      billing_reference: null,
      billing_vat_id: null,
      billing_country: null,
    });
    assert.deepEqual([plain.name, plain.addressLines, plain.postcode, plain.country], ['Jan', [], null, 'NL']);
  });

  test("the buyer's country is the one given, else its VAT id's (GR for EL), else the Netherlands; a foreign postcode line is read too", () => {
    const buyer = (billing_address: string, billing_vat_id: string | null, billing_country: string | null = null) =>
      buyerOf({
        organiser_name: 'Jan',
        organiser_email: 'j@x.nl',
        organisation: '',
        billing_organisation: 'Org',
        billing_address,
        billing_reference: null,
        billing_vat_id,
        billing_country,
      });
    const school = buyer('Schoolstraat 3\n9000 Gent', null, 'BE');
    assert.deepEqual([school.country, school.street, school.postcode, school.city], ['BE', 'Schoolstraat 3', '9000', 'Gent'], 'no VAT id');
    assert.equal(buyer('Rue 1\n1000 Bruxelles', 'BE0207500123', 'BE').country, 'BE');
    assert.equal(buyer('1 Main Street\nBelfast BT1 1AA', 'XI123456789', 'GB').country, 'GB');
    const belgian = buyer('Grote Markt 1\n2000 Antwerpen\nBelgië', 'BE0207500123');
    assert.deepEqual(
      [belgian.country, belgian.street, belgian.postcode, belgian.city, belgian.addressLines.length],
      ['BE', 'Grote Markt 1', '2000', 'Antwerpen', 3],
    );
    const german = buyer('Hauptstraße 5\nD-10115 Berlin', 'DE123456789');
    assert.deepEqual([german.country, german.postcode, german.city], ['DE', '10115', 'Berlin']);
    assert.equal(buyer('Odos 1\n10431 Athina', 'EL123456789').country, 'GR');
    assert.equal(buyer('1 Main Street\nBelfast BT1 1AA', 'XI123456789').country, 'XI');
    const dutch = buyer('Lindelaan 1\n3500 AA Utrecht', 'NL123456789B01');
    assert.deepEqual([dutch.country, dutch.postcode], ['NL', '3500 AA']);
    const unknown = buyer('Lindelaan 1\n3500 AA Utrecht', null);
    assert.deepEqual([unknown.country, unknown.postcode], ['NL', '3500 AA'], 'no VAT id: the Netherlands, as before');
  });
});
