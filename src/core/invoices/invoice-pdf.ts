import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import { formatMoney, formatRate } from '../i18n/format.js';
import { type Language, LANGUAGES } from '../shared/language.js';
import { countryName } from '../payments/billing-countries.js';
import type { InvoiceBuyer, InvoiceDocument, InvoiceLine } from './invoice-document.js';
import type { InvoiceStanding } from './invoice-status.js';
import { documentTitle, formatDocumentDate, formatIban, INVOICE_TEXTS, type InvoiceTexts } from './invoice-texts.js';

// DejaVu Sans (TrueType, from the npm package dejavu-fonts-ttf), embedded as a subset in every PDF:
// the standard PDF fonts (Helvetica...) are not embedded, and a reader without them substitutes its
// own. TrueType rather than the @fontsource WOFF files: fontkit inflates a WOFF table at every
// glyph lookup (seconds per page) and cannot subset WOFF2's composite glyphs.
const require = createRequire(import.meta.url);
const FONT = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');
const BOLD = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf');

const MARGIN = 50;
const PAGE_WIDTH = 595.28;
const PAGE_HEIGHT = 841.89;
const CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN;
/** Where content stops: room for the footer below it. */
const BOTTOM = PAGE_HEIGHT - MARGIN - 30;

/** The lines table's columns: x and width; the description takes what the numbers leave. */
const COLUMNS = {
  description: { x: MARGIN, width: 215 },
  quantity: { x: MARGIN + 220, width: 45 },
  unitPrice: { x: MARGIN + 270, width: 85 },
  vatRate: { x: MARGIN + 360, width: 40 },
  amount: { x: MARGIN + 405, width: CONTENT_WIDTH - 405 },
} as const;

/** Money as people read it in the language: "€ 1.234,56" / "€1,234.56"; plain spaces, which every reader copies alike. */
function money(cents: number, lang: Language): string {
  return formatMoney(cents, lang).replace(/\u00a0/g, ' ');
}

/** A unit price from its decimal string, with as many decimals as it has (two at least). */
function unitPrice(unitNet: string, lang: Language): string {
  const decimals = Math.max(2, Math.min(6, (unitNet.split('.')[1] ?? '').length));
  return new Intl.NumberFormat(lang === 'nl' ? 'nl-NL' : 'en-GB', {
    style: 'currency',
    currency: 'EUR',
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
  })
    .format(Number(unitNet))
    .replace(/\u00a0/g, ' ');
}

function quantity(value: number, lang: Language): string {
  return new Intl.NumberFormat(lang === 'nl' ? 'nl-NL' : 'en-GB', { maximumFractionDigits: 4 }).format(value);
}

type Pdf = PDFKit.PDFDocument;

/** The seller's details, top right: who issues the document and where to pay. */
function drawSeller(pdf: Pdf, document: InvoiceDocument, t: InvoiceTexts): void {
  const { seller } = document;
  const x = MARGIN + 280;
  const width = CONTENT_WIDTH - 280;
  pdf.font(BOLD).fontSize(10).text(seller.name, x, MARGIN, { width });
  pdf.font(FONT).fontSize(9);
  for (const addressLine of seller.addressLines) pdf.text(addressLine, { width });
  pdf.moveDown(0.5);
  pdf.text(`${t.kvk}: ${seller.kvkNumber}`, { width });
  pdf.text(`${t.vatId}: ${seller.vatId}`, { width });
  pdf.text(`${t.iban}: ${formatIban(seller.iban)}`, { width });
  if (seller.bic) pdf.text(`${t.bic}: ${seller.bic}`, { width });
  if (seller.email) pdf.text(seller.email, { width });
  if (seller.phone) pdf.text(seller.phone, { width });
}

/**
 * The country a foreign buyer's address ends with, in the document's language ("België" /
 * "Belgium"), unless its last line names it already; none for a Dutch one (the seller's country).
 */
function countryLine(buyer: InvoiceBuyer, lang: Language): string | null {
  if (buyer.country === 'NL') return null;
  const name = countryName(buyer.country, lang);
  const last = buyer.addressLines.at(-1)?.toLowerCase();
  const named = LANGUAGES.some((l) => countryName(buyer.country, l).toLowerCase() === last);
  return named ? null : name;
}

/** The buyer, as a letter's address, with its VAT id and own reference. */
function drawBuyer(pdf: Pdf, document: InvoiceDocument, t: InvoiceTexts, y: number): number {
  const { buyer } = document;
  const width = 260;
  pdf.font(FONT).fontSize(8).fillColor('#555555').text(t.billedTo, MARGIN, y, { width }).fillColor('black');
  pdf.font(BOLD).fontSize(10).text(buyer.name, { width });
  pdf.font(FONT).fontSize(10);
  pdf.text(`${t.attention} ${buyer.contactName}`, { width });
  for (const addressLine of buyer.addressLines) pdf.text(addressLine, { width });
  const country = countryLine(buyer, document.language);
  if (country) pdf.text(country, { width });
  pdf.text(buyer.email, { width });
  if (buyer.vatId) pdf.text(`${t.vatId}: ${buyer.vatId}`, { width });
  return pdf.y;
}

/** Number, dates, references: label and value, one pair a row. */
function drawFacts(pdf: Pdf, document: InvoiceDocument, t: InvoiceTexts, y: number): number {
  const lang = document.language;
  const facts: [string, string][] = [
    [t.number, document.number],
    [t.issueDate, formatDocumentDate(document.issueDate, lang)],
    [t.serviceDate, formatDocumentDate(document.serviceDate, lang)],
  ];
  if (document.dueOn && document.kind === 'invoice') facts.push([t.dueDate, formatDocumentDate(document.dueOn, lang)]);
  facts.push([t.bookingReference, document.bookingReference]);
  if (document.buyer.reference) facts.push([t.yourReference, document.buyer.reference]);
  facts.push([t.subject, document.subject]);
  pdf.fontSize(10);
  let row = y;
  for (const [label, value] of facts) {
    pdf.font(FONT).text(`${label}:`, MARGIN, row, { width: 130 });
    pdf.font(FONT).text(value, MARGIN + 135, row, { width: CONTENT_WIDTH - 135 });
    row = Math.max(pdf.y, row + 13);
  }
  const explain = document.kind === 'credit_note' ? t.correction : t.deducts;
  for (const reference of document.references) {
    pdf
      .font(BOLD)
      .text(explain(reference.number, formatDocumentDate(reference.issueDate, lang)), MARGIN, row + 4, { width: CONTENT_WIDTH });
    row = pdf.y;
  }
  return row;
}

function drawLinesHeader(pdf: Pdf, t: InvoiceTexts, y: number): number {
  pdf.font(BOLD).fontSize(8.5);
  pdf.text(t.description, COLUMNS.description.x, y, { width: COLUMNS.description.width });
  pdf.text(t.quantity, COLUMNS.quantity.x, y, { width: COLUMNS.quantity.width, align: 'right' });
  pdf.text(t.unitPrice, COLUMNS.unitPrice.x, y, { width: COLUMNS.unitPrice.width, align: 'right' });
  pdf.text(t.vatRate, COLUMNS.vatRate.x, y, { width: COLUMNS.vatRate.width, align: 'right' });
  pdf.text(t.amount, COLUMNS.amount.x, y, { width: COLUMNS.amount.width, align: 'right' });
  const below = y + 24;
  pdf
    .moveTo(MARGIN, below - 4)
    .lineTo(MARGIN + CONTENT_WIDTH, below - 4)
    .lineWidth(0.5)
    .stroke();
  return below;
}

/** One line of the table; a new page (with the header again) when it would not fit. */
function drawLine(pdf: Pdf, line: InvoiceLine, lang: Language, t: InvoiceTexts, y: number): number {
  pdf.font(FONT).fontSize(9);
  const height = pdf.heightOfString(line.description, { width: COLUMNS.description.width });
  let top = y;
  if (top + height > BOTTOM) {
    pdf.addPage();
    top = drawLinesHeader(pdf, t, MARGIN);
  }
  pdf.font(FONT).fontSize(9);
  pdf.text(line.description, COLUMNS.description.x, top, { width: COLUMNS.description.width });
  pdf.text(quantity(line.quantity, lang), COLUMNS.quantity.x, top, { width: COLUMNS.quantity.width, align: 'right' });
  pdf.text(unitPrice(line.unitNet, lang), COLUMNS.unitPrice.x, top, { width: COLUMNS.unitPrice.width, align: 'right' });
  pdf.text(formatRate(line.vatRateBp, lang), COLUMNS.vatRate.x, top, { width: COLUMNS.vatRate.width, align: 'right' });
  pdf.text(money(line.netCents, lang), COLUMNS.amount.x, top, { width: COLUMNS.amount.width, align: 'right' });
  return top + height + 5;
}

/** The totals, right-aligned: per VAT rate, then in total; what was paid and what is left. */
function drawTotals(pdf: Pdf, document: InvoiceDocument, t: InvoiceTexts, y: number): number {
  const lang = document.language;
  const rows: [string, string, boolean][] = [[t.totalNet, money(document.netCents, lang), false]];
  for (const vat of document.vat) {
    rows.push([t.vatOver(formatRate(vat.vatRateBp, lang), money(vat.netCents, lang)), money(vat.vatCents, lang), false]);
  }
  rows.push([t.totalVat, money(document.vatCents, lang), false]);
  rows.push([t.total, money(document.totalCents, lang), true]);
  if (document.prepaidCents !== 0) {
    rows.push([t.prepaid, money(document.prepaidCents, lang), false]);
    rows.push([t.payable, money(document.payableCents, lang), true]);
  }
  let top = y + 6;
  if (top + rows.length * 15 > BOTTOM) {
    pdf.addPage();
    top = MARGIN;
  }
  pdf
    .moveTo(MARGIN + 230, top - 4)
    .lineTo(MARGIN + CONTENT_WIDTH, top - 4)
    .lineWidth(0.5)
    .stroke();
  for (const [label, value, bold] of rows) {
    pdf.font(bold ? BOLD : FONT).fontSize(9.5);
    pdf.text(label, MARGIN + 150, top, { width: 220, align: 'right' });
    pdf.text(value, COLUMNS.amount.x - 30, top, { width: COLUMNS.amount.width + 30, align: 'right' });
    top += 15;
  }
  return top;
}

/**
 * Where the document stands and, while something is to be paid, how to pay it: what is still
 * outstanding now (the rest, when the booking paid part of it), not the amount as issued.
 */
function drawStatus(pdf: Pdf, document: InvoiceDocument, standing: InvoiceStanding, t: InvoiceTexts, y: number): void {
  const lang = document.language;
  const { status, outstandingCents } = standing;
  const parts = [t.status[status]];
  if ((status === 'open' || status === 'overdue') && document.dueOn && outstandingCents > 0) {
    const amount = money(outstandingCents, lang);
    const due = formatDocumentDate(document.dueOn, lang);
    parts.push(t.payInstruction(amount, due, formatIban(document.seller.iban), document.seller.name, document.bookingReference));
  }
  const text = parts.join(' ');
  pdf.font(BOLD).fontSize(10);
  let top = y + 14;
  if (top + pdf.heightOfString(text, { width: CONTENT_WIDTH }) > BOTTOM) {
    pdf.addPage();
    top = MARGIN;
  }
  pdf.text(text, MARGIN, top, { width: CONTENT_WIDTH });
}

/** "Pagina 1 van 2" and the number on every page. */
function drawFooters(pdf: Pdf, document: InvoiceDocument, t: InvoiceTexts): void {
  const { start, count } = pdf.bufferedPageRange();
  for (let i = start; i < start + count; i++) {
    pdf.switchToPage(i);
    const text = `${document.number} · ${t.page(i + 1, count)}`;
    // Below the bottom margin: lift it for this text, or pdfkit would start a page for it.
    const bottomMargin = pdf.page.margins.bottom;
    pdf.page.margins.bottom = 0;
    pdf
      .font(FONT)
      .fontSize(8)
      .fillColor('#555555')
      .text(text, MARGIN, PAGE_HEIGHT - MARGIN, { width: CONTENT_WIDTH, align: 'center' });
    pdf.page.margins.bottom = bottomMargin;
    pdf.fillColor('black');
  }
}

/**
 * The document as a PDF (A4, the font embedded), in its language, with the status it has now and
 * what is outstanding of it now (invoice-status.ts):
 * everything Dutch invoice rules require (seller's name, address, KvK, VAT id; buyer's name and
 * address; number, dates, lines with quantity, unit price excl. VAT, VAT rate and amount; VAT per
 * rate and the totals), the buyer's reference, and how to pay while it is open.
 */
export async function renderInvoicePdf(document: InvoiceDocument, standing: InvoiceStanding): Promise<Buffer> {
  const t = INVOICE_TEXTS[document.language];
  const title = documentTitle(document);
  const pdf = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    font: FONT,
    bufferPages: true,
    lang: document.language,
    info: { Title: `${title} ${document.number}`, Author: document.seller.name, Subject: document.subject },
  });
  const chunks: Buffer[] = [];
  pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<Buffer>((resolve, reject) => {
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });

  pdf.font(BOLD).fontSize(20).text(title, MARGIN, MARGIN, { width: 260 });
  pdf.font(FONT).fontSize(11).text(document.number, { width: 260 });
  drawSeller(pdf, document, t);
  const afterBuyer = drawBuyer(pdf, document, t, MARGIN + 120);
  const afterFacts = drawFacts(pdf, document, t, Math.max(afterBuyer, pdf.y) + 20);
  let y = drawLinesHeader(pdf, t, afterFacts + 18);
  for (const line of document.lines) y = drawLine(pdf, line, document.language, t, y);
  y = drawTotals(pdf, document, t, y);
  drawStatus(pdf, document, standing, t, y);
  drawFooters(pdf, document, t);
  pdf.end();
  return finished;
}
