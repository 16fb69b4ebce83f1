import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { creditNote, depositInvoice, familyReceipt, finalInvoice, longInvoice, schoolInvoice } from '../../../test/invoice-documents.js';
import { brokenUblRules, documentToolsPresent, xmlProblems, xpathValues } from '../../../test/document-tools.js';
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
};

if (documentToolsPresent()) {
  describe('the UBL e-invoice (Peppol BIS Billing 3.0)', () => {
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
        assert.deepEqual(await brokenUblRules(xml), []);
      });
    }

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
      const vatTampered = xml.replace(
        '<cbc:TaxAmount currencyID="EUR">57.74</cbc:TaxAmount>',
        '<cbc:TaxAmount currencyID="EUR">57.75</cbc:TaxAmount>',
      );
      assert.ok((await brokenUblRules(vatTampered)).includes('BR-S-09'));
      const noReference = xml
        .replace(/<cbc:BuyerReference>.*<\/cbc:BuyerReference>/, '')
        .replace(/<cac:OrderReference>[\s\S]*?<\/cac:OrderReference>/, '');
      assert.ok((await brokenUblRules(noReference)).includes('PEPPOL-EN16931-R003'));
    });
  });
}
