import { count } from '../../../core/i18n/i18n.js';
import type { PrivacyFacts } from '../../../core/privacy/privacy-facts.js';
import type { VenueRetention } from '../../../core/privacy/retention.js';
import type { Translate } from '../../i18n/i18n.js';
import { backupText, basisTexts, CATEGORY_TEXT, periodText, recipientTexts, retentionTexts, subjectTexts } from '../privacy-texts.js';

/** A cell: one or more lines. */
export type RegisterCell = string[];

export interface RegisterTable {
  testId: string;
  columns: string[];
  /** The first cell of each row names it. */
  rows: { testId: string; cells: RegisterCell[] }[];
}

export interface RegisterSection {
  heading: string;
  paragraphs: string[];
  table?: RegisterTable | undefined;
  items?: string[] | undefined;
}

/** The register of processing activities (GDPR art. 30), as words: the page and the download render the same. */
export interface RegisterDocument {
  title: string;
  intro: string;
  sections: RegisterSection[];
}

function retentionCells(t: Translate, retention: VenueRetention): RegisterCell[] {
  return [
    [periodText(t, { count: retention.participantsDays, unit: 'days' })],
    [periodText(t, { count: retention.organiserMonths, unit: 'months' })],
    [periodText(t, { count: retention.cancelledDays, unit: 'days' })],
  ];
}

export function registerDocument(t: Translate, facts: PrivacyFacts, date: string): RegisterDocument {
  const idle = periodText(t, facts.session.idle);
  const absolute = periodText(t, facts.session.absolute);
  const platform: VenueRetention = {
    participantsDays: facts.limits.participantsDays,
    organiserMonths: facts.limits.organiserMonths,
    cancelledDays: facts.limits.cancelledDays,
  };
  return {
    title: t('privacy.register.title'),
    intro: t('privacy.register.intro', { date }),
    sections: [
      {
        heading: t('privacy.register.operator_heading'),
        paragraphs: [
          t('privacy.register.operator_text'),
          ...(facts.venues.length === 0 ? [t('privacy.register.no_venues')] : []),
          ...(facts.mailRelay ? [] : [t('privacy.register.mail_files')]),
        ],
        table:
          facts.venues.length === 0
            ? undefined
            : {
                testId: 'register-controllers',
                columns: [
                  t('privacy.col.venue'),
                  t('privacy.register.col.city'),
                  t('privacy.register.col.contact'),
                  t('privacy.register.col.online_payments'),
                ],
                rows: facts.venues.map((venue) => ({
                  testId: `register-controller-${venue.slug}`,
                  cells: [
                    [venue.name],
                    [venue.city],
                    [venue.contactEmail ?? t('privacy.register.no_contact')],
                    [t(venue.onlinePayments ? 'privacy.register.yes' : 'privacy.register.no')],
                  ],
                })),
              },
      },
      {
        heading: t('privacy.register.activities_heading'),
        paragraphs: [],
        table: {
          testId: 'register-activities',
          columns: [
            t('privacy.register.col.activity'),
            t('privacy.register.col.controller'),
            t('privacy.register.col.purpose'),
            t('privacy.register.col.basis'),
            t('privacy.register.col.subjects'),
            t('privacy.register.col.data'),
            t('privacy.register.col.recipients'),
            t('privacy.register.col.transfers'),
            t('privacy.register.col.retention'),
          ],
          rows: facts.categories.map((category) => ({
            testId: `register-activity-${category.id}`,
            cells: [
              [t(CATEGORY_TEXT[category.id].name)],
              [t(category.controller === 'venue' ? 'privacy.register.controller.venue' : 'privacy.register.controller.operator')],
              [t(CATEGORY_TEXT[category.id].why)],
              basisTexts(t, category),
              subjectTexts(t, category),
              [t(CATEGORY_TEXT[category.id].what), ...(category.special ? [t('privacy.register.special')] : [])],
              recipientTexts(t, category, facts, true),
              [t('privacy.register.transfers_none')],
              retentionTexts(t, category),
            ],
          })),
        },
      },
      {
        heading: t('privacy.register.retention_heading'),
        paragraphs: [t('privacy.venue_may_shorten')],
        table: {
          testId: 'register-retention',
          columns: [t('privacy.col.venue'), t('privacy.col.participants'), t('privacy.col.organiser'), t('privacy.col.cancelled')],
          rows: [
            { testId: 'register-retention-platform', cells: [[t('privacy.platform_row')], ...retentionCells(t, platform)] },
            ...facts.venues.map((venue) => ({
              testId: `register-retention-${venue.slug}`,
              cells: [[venue.name], ...retentionCells(t, venue.retention)],
            })),
          ],
        },
      },
      {
        heading: t('privacy.backups_heading'),
        paragraphs: [backupText(t, facts), t('privacy.invoices_note', { years: facts.invoiceYears })],
      },
      {
        heading: t('privacy.register.security_heading'),
        paragraphs: [],
        items: [
          t('privacy.security.tls'),
          t('privacy.security.firewall'),
          t('privacy.security.ssh'),
          facts.backups
            ? t('privacy.security.backups', {
                locations: facts.backups.locations,
                days: count(facts.backups.keepDays),
                longest: periodText(t, facts.backups.longest),
              })
            : t('privacy.security.no_backups'),
          t('privacy.security.two_factor'),
          t('privacy.security.sessions', { idle, absolute }),
          t('privacy.security.roles'),
          t('privacy.security.links'),
          t('privacy.security.logs'),
          t('privacy.security.tracking'),
          t('privacy.security.retention'),
        ],
      },
    ],
  };
}

/** A cell's text in a Markdown table: its lines joined, the table's own characters kept out. */
function markdownCell(cell: RegisterCell): string {
  return cell
    .map((line) =>
      line
        .replace(/\\/g, '\\\\')
        .replace(/\|/g, '\\|')
        .replace(/[\r\n]+/g, ' '),
    )
    .join('<br>');
}

/** The register as a Markdown file: the same sections, tables and lists as the page. */
export function registerMarkdown(document: RegisterDocument): string {
  const lines = [`# ${document.title}`, '', document.intro, ''];
  for (const section of document.sections) {
    lines.push(`## ${section.heading}`, '');
    for (const paragraph of section.paragraphs) lines.push(paragraph, '');
    if (section.table) {
      lines.push(`| ${section.table.columns.map((c) => markdownCell([c])).join(' | ')} |`);
      lines.push(`|${section.table.columns.map(() => '---').join('|')}|`);
      for (const row of section.table.rows) lines.push(`| ${row.cells.map(markdownCell).join(' | ')} |`);
      lines.push('');
    }
    if (section.items) {
      for (const item of section.items) lines.push(`- ${item}`);
      lines.push('');
    }
  }
  return lines.join('\n');
}
