import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import {
  awkwardGrossCents,
  creditNote,
  depositInvoice,
  discountedCreditNote,
  discountedInvoice,
  familyReceipt,
  finalInvoice,
  grossInvoice,
  longInvoice,
  schoolInvoice,
} from '../../../test/invoice-documents.js';
import { brokenUblRules, brokenUblRulesOfEach, documentToolsPresent, xmlProblems, xpathValues } from '../../../test/document-tools.js';
import { renderInvoiceUbl } from './invoice-ubl.js';

// The UBL 2.1 XSDs are in no npm or Debian package reachable here: the element order the schema
// demands is checked against its sequences instead (the parts Groupz writes), and the Peppol /
// EN 16931 rules by test/ubl-rules.xq under Saxon-HE. See docs/invoices.md.

/** UBL 2.1 Invoice and CreditNote: the order of the top-level elements Groupz writes (the schema's xsd:sequence). */
const TOP_LEVEL = {
  Invoice:
    'CustomizationID ProfileID ID IssueDate DueDate InvoiceTypeCode Note DocumentCurrencyCode BuyerReference OrderReference BillingReference AccountingSupplierParty AccountingCustomerParty Delivery PaymentMeans PaymentTerms TaxTotal LegalMonetaryTotal InvoiceLine',
  CreditNote:
    'CustomizationID ProfileID ID IssueDate CreditNoteTypeCode Note DocumentCurrencyCode BuyerReference OrderReference BillingReference AccountingSupplierParty AccountingCustomerParty Delivery PaymentMeans PaymentTerms TaxTotal LegalMonetaryTotal CreditNoteLine',
};
/** The same for the aggregates inside (PartyType, AddressType, MonetaryTotalType, lines, FinancialAccountType...). */
const INNER = [
  'EndpointID PartyName PostalAddress PartyTaxScheme PartyLegalEntity Contact',
  'StreetName AdditionalStreetName CityName PostalZone AddressLine Country',
  'LineExtensionAmount TaxExclusiveAmount TaxInclusiveAmount PrepaidAmount PayableAmount',
  'ID InvoicedQuantity CreditedQuantity LineExtensionAmount Item Price',
  'PaymentMeansCode PaymentID PayeeFinancialAccount',
  'ID Name FinancialInstitutionBranch',
  'TaxableAmount TaxAmount TaxCategory',
  'RegistrationName CompanyID',
  'Name Telephone ElectronicMail',
].map((sequence) => sequence.split(' '));

/** Whether the names occur in the sequence's order (names outside it are someone else's business). */
function inOrder(names: string[], sequence: string[]): boolean {
  const positions = names.filter((n) => sequence.includes(n)).map((n) => sequence.indexOf(n));
  return positions.every((p, i) => i === 0 || p >= positions[i - 1]!);
}

const DOCUMENTS = {
  school: schoolInvoice(),
  deposit: depositInvoice(),
  final: finalInvoice(),
  credit: creditNote(),
  family: familyReceipt(),
  long: longInvoice(),
  // A discount code's lines (negative, one per rate): a positive price with a negative quantity (BR-27).
  discount: discountedInvoice(),
  discountCredit: discountedCreditNote(),
  // VAT rounded once on the gross, a cent below net × rate rounded (12.39 × 9 % = 1.1151).
  gross1350: grossInvoice('GZ-VAA-2027-000300', [{ description: 'Kanovaren', quantity: 1, grossCents: 1_350, vatRateBp: 900 }]),
};

/** One invoice per awkward gross amount, a line at 9 % and one at 21 %, amounts as the issuing computes them. */
const SWEEP = awkwardGrossCents().map((grossCents, i) =>
  grossInvoice(`GZ-VAA-2027-${String(1000 + i).padStart(6, '0')}`, [
    { description: 'Activiteit', quantity: 1, grossCents, vatRateBp: 900 },
    { description: 'Drankjes', quantity: 2, grossCents, vatRateBp: 2100 },
  ]),
);

if (documentToolsPresent()) {
  describe('the UBL e-invoice (Peppol BIS Billing 3.0)', () => {
    // The rules for every document at once: one Java start instead of one per document.
    const broken = new Map<string, string[]>();
    let sweepBroken: string[][] = [];
    before(async () => {
      const names = Object.keys(DOCUMENTS);
      const all = await brokenUblRulesOfEach([
        ...Object.values(DOCUMENTS).map((document) => renderInvoiceUbl(document)),
        ...SWEEP.map((document) => renderInvoiceUbl(document)),
      ]);
      names.forEach((name, i) => broken.set(name, all[i]!));
      sweepBroken = all.slice(names.length);
    });

    for (const [name, document] of Object.entries(DOCUMENTS)) {
      test(`${name}: well-formed (xmllint), in the schema's element order, and no Peppol / EN 16931 rule broken`, async () => {
        const xml = renderInvoiceUbl(document);
        assert.equal(await xmlProblems(xml), '');
        const [root, topNames, groupNames] = await xpathValues(xml, [
          'local-name(/*)',
          "string-join(/*/*/local-name(), ' ')",
          "string-join(//*[*]/string-join(*/local-name(), ' '), '|')",
        ]);
        assert.equal(root, document.kind === 'credit_note' ? 'CreditNote' : 'Invoice');
        const sequence = TOP_LEVEL[root as keyof typeof TOP_LEVEL].split(' ');
        const top = topNames!.split(' ');
        assert.ok(inOrder(top, sequence), `top level in order: ${top.join(' ')}`);
        assert.ok(
          top.every((n) => sequence.includes(n)),
          'only elements of the sequence',
        );
        for (const group of groupNames!.split('|'))
          for (const inner of INNER) assert.ok(inOrder(group.split(' '), inner), `${group} follows ${inner.join(' ')}`);
        assert.deepEqual(broken.get(name), []);
      });
    }

    test("a discount: its lines a negative quantity at a positive price, the totals the booking's to the cent", async () => {
      const document = DOCUMENTS.discount;
      const xml = renderInvoiceUbl(document);
      const local = (name: string) => `*[local-name()='${name}']`;
      const [quantities, prices, payable] = await xpathValues(xml, [
        `string-join(//${local('InvoiceLine')}/${local('InvoicedQuantity')}, ' ')`,
        `string-join(//${local('InvoiceLine')}/${local('Price')}/${local('PriceAmount')}, ' ')`,
        `//${local('PayableAmount')}`,
      ]);
      assert.deepEqual(quantities!.split(' '), ['7', '1', '-1', '-1']);
      assert.ok(
        prices!.split(' ').every((p) => !p.startsWith('-')),
        prices,
      );
      // 7 × 17.95 + 89.95 = 215.60, less 15 % per rate: 18.85 (of 125.65) and 13.49 (of 89.95).
      assert.equal(document.totalCents, 21_560 - 1_885 - 1_349);
      assert.equal(payable, (document.totalCents / 100).toFixed(2));
      assert.deepEqual(broken.get('discount'), []);
    });

    test('€13.50 at 9 %: net 12.39, VAT 1.11 (a cent under 12.39 × 9 % rounded), within the rules', async () => {
      const xml = renderInvoiceUbl(DOCUMENTS.gross1350);
      const local = (name: string) => `*[local-name()='${name}']`;
      assert.deepEqual(
        await xpathValues(xml, [`//${local('TaxSubtotal')}/${local('TaxableAmount')}`, `//${local('TaxSubtotal')}/${local('TaxAmount')}`]),
        ['12.39', '1.11'],
      );
      assert.deepEqual(broken.get('gross1350'), []);
    });

    test('a sweep of gross amounts at 9 % and 21 %, computed as the issuing does, breaks no rule', () => {
      assert.equal(sweepBroken.length, SWEEP.length);
      // The sweep does reach the cases the exact rule refused: VAT a cent off net × rate rounded.
      const centOff = SWEEP.flatMap((d) => d.vat).filter((v) => v.vatCents !== Math.round((v.netCents * v.vatRateBp) / 10_000));
      assert.ok(centOff.length > 20, `${centOff.length} rates a cent off`);
      SWEEP.forEach((document, i) =>
        assert.deepEqual(sweepBroken[i], [], `${document.number}: ${document.vat.map((v) => `${v.netCents}+${v.vatCents}`).join(' ')}`),
      );
    });

    test('the amounts agree with the document to the cent; a credit note states them positive and refers to its invoice', async () => {
      const document = creditNote();
      const xml = renderInvoiceUbl(document);
      const local = (name: string) => `*[local-name()='${name}']`;
      assert.deepEqual(
        await xpathValues(xml, [
          `/*/${local('CreditNoteTypeCode')}`,
          `//${local('InvoiceDocumentReference')}/${local('ID')}`,
          `//${local('TaxInclusiveAmount')}`,
          `//${local('LegalMonetaryTotal')}/${local('TaxExclusiveAmount')}`,
          `/*/${local('TaxTotal')}/${local('TaxAmount')}`,
          `//${local('CreditedQuantity')}`,
          `//${local('PayableAmount')}`,
        ]),
        ['381', 'GZ-VAA-2027-000123', (-document.totalCents / 100).toFixed(2), '849.86', '101.47', '28', '951.33'],
      );
    });

    test('an invoice states the PO number, SEPA transfer to the IBAN with the booking reference, the seller by KvK', async () => {
      const xml = renderInvoiceUbl(schoolInvoice());
      const local = (name: string) => `*[local-name()='${name}']`;
      assert.deepEqual(
        await xpathValues(xml, [
          `//${local('OrderReference')}/${local('ID')}`,
          `/*/${local('BuyerReference')}`,
          `//${local('PaymentMeansCode')}`,
          `//${local('PaymentID')}`,
          `//${local('PayeeFinancialAccount')}/${local('ID')}`,
          `//${local('AccountingSupplierParty')}//${local('EndpointID')}/@schemeID`,
          `//${local('AccountingSupplierParty')}//${local('PartyLegalEntity')}/${local('CompanyID')}`,
          `//${local('ActualDeliveryDate')}`,
          `//${local('PayableAmount')}`,
        ]),
        ['PO-2027-00917', 'PO-2027-00917', '58', 'GZ7K4M2Q', 'NL91ABNA0417164300', '0106', '12345678', '2027-03-14', '951.33'],
      );
      // Without a PO number the booking reference is the buyer reference Peppol requires.
      const family = renderInvoiceUbl(familyReceipt());
      assert.deepEqual(
        await xpathValues(family, [`/*/${local('BuyerReference')}`, `//${local('PrepaidAmount')}`, `//${local('PayableAmount')}`]),
        ['GZ2P8R5T', (familyReceipt().totalCents / 100).toFixed(2), '0.00'],
      );
    });

    test('the rules can fail: a line amount, a VAT amount and a total tampered with are each caught', async () => {
      const xml = renderInvoiceUbl(schoolInvoice());
      const lineTampered = xml.replace(
        '<cbc:LineExtensionAmount currencyID="EUR">641.60</cbc:LineExtensionAmount>',
        '<cbc:LineExtensionAmount currencyID="EUR">641.61</cbc:LineExtensionAmount>',
      );
      assert.notEqual(lineTampered, xml);
      const broken = await brokenUblRules(lineTampered);
      assert.ok(broken.includes('BR-CO-10') && broken.includes('PEPPOL-EN16931-R120') && broken.includes('BR-S-08'), broken.join(' '));
      // VAT two cents off: within the official slack, but over Groupz's one cent; a euro off: both.
      const vat = (amount: string) =>
        xml.replace('<cbc:TaxAmount currencyID="EUR">57.74</cbc:TaxAmount>', `<cbc:TaxAmount currencyID="EUR">${amount}</cbc:TaxAmount>`);
      const [oneCent, twoCents, aEuro] = await brokenUblRulesOfEach([vat('57.75'), vat('57.76'), vat('58.74')]);
      assert.deepEqual(
        oneCent!.filter((id) => ['BR-S-09', 'BR-CO-17', 'GZ-VAT-CENT'].includes(id)),
        [],
      );
      assert.deepEqual(
        twoCents!.filter((id) => ['BR-S-09', 'BR-CO-17', 'GZ-VAT-CENT'].includes(id)),
        ['GZ-VAT-CENT'],
      );
      assert.ok(
        ['BR-S-09', 'BR-CO-17', 'GZ-VAT-CENT'].every((id) => aEuro!.includes(id)),
        aEuro!.join(' '),
      );
      const noReference = xml
        .replace(/<cbc:BuyerReference>.*<\/cbc:BuyerReference>/, '')
        .replace(/<cac:OrderReference>[\s\S]*?<\/cac:OrderReference>/, '');
      assert.ok((await brokenUblRules(noReference)).includes('PEPPOL-EN16931-R003'));
    });
  });
}
