import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { creditNote, depositInvoice, familyReceipt, finalInvoice, longInvoice, schoolInvoice } from '../../../test/invoice-documents.js';
import { documentToolsPresent, pdfFonts, pdfText } from '../../../test/document-tools.js';
import { renderInvoicePdf } from './invoice-pdf.js';
import type { InvoiceDocument } from './invoice-document.js';

/** Asserts each text appears in the PDF's text, naming the one that does not. */
function assertContains(text: string, expected: string[]): void {
  const flat = text.replace(/\s+/g, ' ');
  for (const item of expected) assert.ok(flat.includes(item), `the PDF should state "${item}"`);
}

/** What every document must state, whatever its kind: the parties, the Dutch invoice requirements. */
function required(document: InvoiceDocument): string[] {
  const { seller, buyer } = document;
  return [
    seller.name,
    ...seller.addressLines,
    seller.kvkNumber,
    seller.vatId,
    'NL91 ABNA 0417 1643 00',
    buyer.name,
    buyer.contactName,
    ...buyer.addressLines,
    document.number,
    document.bookingReference,
    ...document.lines.map((line) => line.description.slice(0, 20)),
  ];
}

if (documentToolsPresent()) {
  describe('the invoice PDF, read back with pdftotext', () => {
    const rendered = new Map<string, { text: string; pages: number }>();
    before(async () => {
      const cases: [string, InvoiceDocument, Parameters<typeof renderInvoicePdf>[1]][] = [
        ['school', schoolInvoice(), { status: 'overdue', outstandingCents: schoolInvoice().totalCents }],
        ['deposit', depositInvoice(), { status: 'paid', outstandingCents: 0 }],
        ['final', finalInvoice(), { status: 'open', outstandingCents: finalInvoice().totalCents }],
        ['credit', creditNote(), { status: 'settled', outstandingCents: 0 }],
        ['family', familyReceipt(), { status: 'paid', outstandingCents: 0 }],
        // €500 of the €951.33 paid since it was issued: the document as issued, the rest to pay.
        ['partly', schoolInvoice(), { status: 'overdue', outstandingCents: 45_133 }],
        ['partlyEn', finalInvoice(), { status: 'open', outstandingCents: 1 }],
      ];
      for (const [name, document, status] of cases) rendered.set(name, await pdfText(await renderInvoicePdf(document, status)));
    });

    test('a Dutch invoice states every required field, the PO number, and amounts Dutch-style', () => {
      const { text, pages } = rendered.get('school')!;
      assert.equal(pages, 1);
      assertContains(text, [
        ...required(schoolInvoice()),
        'Factuur',
        'KvK: 12345678',
        'Btw-id: NL859123456B01',
        'BIC: ABNANL2A',
        'Btw-id: NL001234567B01',
        'Uw kenmerk: PO-2027-00917',
        'Factuurdatum: 15 februari 2027',
        'Leveringsdatum: 14 maart 2027',
        'Vervaldatum: 1 maart 2027',
        // Lines: quantity, unit price excl. VAT, rate, amount excl. VAT.
        '28 € 22,914286 9% € 641,60',
        '28 € 7,438017 21% € 208,26',
        // VAT per rate over its taxable amount, and the totals.
        'Btw 21% over € 208,26 € 43,73',
        'Btw 9% over € 641,60 € 57,74',
        'Totaal excl. btw € 849,86',
        'Totaal btw € 101,47',
        'Totaal incl. btw € 951,33',
        // Overdue: the status, and how to pay: amount, due date, IBAN, reference.
        'vervallen',
        'Gelieve € 951,33 uiterlijk 1 maart 2027 over te maken op NL91 ABNA 0417 1643 00 t.n.v. Vechtavontuur B.V., onder vermelding van GZ7K4M2Q',
      ]);
    });

    test('a paid deposit invoice in English: English amounts and words, no payment instruction', () => {
      const { text } = rendered.get('deposit')!;
      assertContains(text, [
        ...required(depositInvoice()),
        'Deposit invoice',
        'Your reference: PO 4500012345',
        'Invoice date: 10 January 2027',
        'Date of service: 3 April 2027',
        '1 €330.275229 9% €330.28',
        'VAT 9% on €330.28 €29.73',
        'Total incl. VAT €360.01',
        'Status: paid',
      ]);
      assert.ok(!text.includes('Please transfer'), 'nothing to transfer for a paid invoice');
    });

    test('a partly paid invoice asks for the rest only, its amounts as issued', () => {
      const { text } = rendered.get('partly')!;
      assertContains(text, [
        'Totaal incl. btw € 951,33',
        'vervallen',
        'Gelieve € 451,33 uiterlijk 1 maart 2027 over te maken op NL91 ABNA 0417 1643 00 t.n.v. Vechtavontuur B.V., onder vermelding van GZ7K4M2Q',
      ]);
      assert.ok(!text.includes('Gelieve € 951,33'), 'not the amount as issued');
      assertContains(rendered.get('partlyEn')!.text, ['Please transfer €0.01 by 3 April 2027']);
    });

    test('a final invoice deducts the deposit by number, with negative lines', () => {
      const { text } = rendered.get('final')!;
      assertContains(text, [
        'Final invoice',
        'Deducts deposit invoice GZ-VAA-2027-000124 of 10 January 2027',
        'Less deposit invoice GZ-VAA-2027-000124 -1 €330.275229 9% -€330.28',
        'VAT 9% on €770.64 €69.36',
        'VAT 21% on €165.29 €34.71',
        'Total incl. VAT €1,040.00',
        'Please transfer €1,040.00 by 3 April 2027 to NL91 ABNA 0417 1643 00 in the name of Vechtavontuur B.V., quoting GZ9X3B7D',
      ]);
    });

    test('a credit note says what it corrects, with negative amounts', () => {
      const { text } = rendered.get('credit')!;
      assertContains(text, [
        ...required(creditNote()),
        'Credit note',
        'Correction of invoice GZ-VAA-2027-000123 of 15 February 2027',
        '-28 €22.914286 9% -€641.60',
        'Total incl. VAT -€951.33',
        'settled',
      ]);
      assert.ok(!text.includes('Due date'), 'a credit note has no due date');
    });

    test('a buyer without address parts, VAT id or reference; a paid receipt', () => {
      const { text } = rendered.get('family')!;
      assertContains(text, [
        ...required(familyReceipt()),
        'Keizersgracht 1 hs, Amsterdam',
        'Reeds betaald',
        'Te betalen € 0,00',
        'betaald',
      ]);
      assert.ok(!text.includes('Uw kenmerk'), 'no reference line without a reference');
      assert.ok(!text.includes('BIC'), 'no BIC line without a BIC');
    });

    test('lines that overflow go on to more pages, each numbered, and every line and the totals are there', async () => {
      const document = longInvoice();
      const { text, pages } = await pdfText(await renderInvoicePdf(document, { status: 'open', outstandingCents: document.totalCents }));
      assert.ok(pages > 1, `more than one page (${pages})`);
      assertContains(text, [`Pagina 1 van ${pages}`, `Pagina ${pages} van ${pages}`, 'Workshop 1:', 'Workshop 45:']);
      const total = `Totaal incl. btw € ${(document.totalCents / 100)
        .toFixed(2)
        .replace('.', ',')
        .replace(/\B(?=(\d{3})+(?!\d))/g, '.')}`;
      assertContains(text, [total]);
    });

    test('every font is embedded (no standard Helvetica)', async () => {
      const fonts = await pdfFonts(
        await renderInvoicePdf(schoolInvoice(), { status: 'open', outstandingCents: schoolInvoice().totalCents }),
      );
      assert.ok(fonts.length >= 1);
      for (const font of fonts) {
        assert.ok(font.embedded, `${font.name} is embedded`);
        assert.match(font.name, /DejaVuSans/);
      }
    });
  });
}
