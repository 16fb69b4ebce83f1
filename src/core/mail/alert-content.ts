import { jobLabel } from '../i18n/job-labels.js';
import { BACKUP_LOCATIONS, type BackupLocation } from '../backups/backup.js';
import { BACKUP_STALE_HOURS } from '../backups/backup-schedule.js';
import { BACKUP_RUN_COMMAND, LOCATION_LABELS } from '../i18n/backup-labels.js';
import { type AlertMailKind, type BackupAlertKind, isWatchAlertKind } from '../outbox/mail.js';
import { renderWatchAlert } from './watch-alert-content.js';
import { at, contentOf, type MailContent, type MailDetail, type Section } from './mail-content.js';
import { type MailMessageKey, type MailTranslate, mailTranslator } from './mail-texts.js';
import { type Language, LANGUAGES } from '../shared/language.js';

/** The location in a sentence: "op de tweede locatie" / "at the second location". */
const WHERE: Record<BackupLocation, MailMessageKey> = {
  local: 'mail.alert.where.local',
  remote: 'mail.alert.where.remote',
};

/** Each backup alert's subject, and what the admin can do about it. */
const TEXTS: Record<BackupAlertKind, { subject: MailMessageKey; advice: MailMessageKey }> = {
  backup_failed: { subject: 'mail.alert.subject.backup_failed', advice: 'mail.alert.advice.backup_failed' },
  backup_stale: { subject: 'mail.alert.subject.backup_stale', advice: 'mail.alert.advice.backup_stale' },
};

/** The location as a sentence names it, and as a label; a location this version does not know is named as stored. */
function locationNames(t: MailTranslate, detail: MailDetail): { where: string; label: string } {
  const location = BACKUP_LOCATIONS.find((l) => l === detail.location);
  return location
    ? { where: t(WHERE[location]), label: t(LOCATION_LABELS[location]) }
    : { where: String(detail.location), label: String(detail.location) };
}

/** The instant the detail holds under `name`; undefined when absent or not a time. */
function instantOf(detail: MailDetail, name: string): Date | undefined {
  const value = detail[name];
  const instant = typeof value === 'string' ? new Date(value) : undefined;
  return instant && !Number.isNaN(instant.getTime()) ? instant : undefined;
}

function alertSection(kind: BackupAlertKind, lang: Language, detail: MailDetail, backupsUrl: string): Section {
  const t = mailTranslator(lang);
  const { where, label } = locationNames(t, detail);
  const hours = BACKUP_STALE_HOURS;
  const since = instantOf(detail, 'last_success_at');
  const intro =
    kind === 'backup_failed'
      ? t('mail.alert.intro.backup_failed', { where })
      : since
        ? t('mail.alert.intro.backup_stale', { where, since: at(t, lang, since), hours })
        : t('mail.alert.intro.backup_never', { where, hours });
  return {
    lang,
    paragraphs: [intro, t(TEXTS[kind].advice, { command: BACKUP_RUN_COMMAND })],
    facts: [
      [t('backups.location'), label],
      kind === 'backup_failed'
        ? [t('backups.error'), String(detail.error ?? '')]
        : [t('backups.last_success'), since ? at(t, lang, since) : t('backups.never')],
    ],
    links: [{ label: t('mail.alert.link'), url: backupsUrl }],
    footer: t('mail.alert.footer'),
  };
}

/** A stuck job's section: which job, running or failing since when, and the self-audit page. */
function jobSection(lang: Language, detail: MailDetail, securityUrl: string): Section {
  const t = mailTranslator(lang);
  const name = String(detail.job ?? '');
  const job = jobLabel(t, name);
  const since = instantOf(detail, 'since');
  const sinceText = since ? at(t, lang, since) : '';
  return {
    lang,
    paragraphs: [
      t(detail.problem === 'running' ? 'mail.alert.intro.job_running' : 'mail.alert.intro.job_failing', { job, since: sinceText }),
      t('mail.alert.advice.job_stuck'),
    ],
    facts: [
      // The job's own name too: the one the log's lines carry.
      [t('mail.alert.job'), job === name ? name : `${job} (${name})`],
      [t('mail.alert.since'), sinceText],
    ],
    links: [{ label: t('mail.alert.link.job_stuck'), url: securityUrl }],
    footer: t('mail.alert.footer'),
  };
}

/**
 * An alert to the platform's admins, in Dutch and English together (admins read both, like staff
 * notices). About a backup: which location, what went wrong or since when none succeeded, and a link to
 * the backups page; about a background job: which one is stuck since when, and a link to the self-audit page.
 */
export function renderAlert(kind: AlertMailKind, detail: MailDetail, publicUrl: string): MailContent {
  if (isWatchAlertKind(kind)) return renderWatchAlert(kind, detail, publicUrl);
  if (kind === 'job_stuck') {
    const name = String(detail.job ?? '');
    return contentOf(
      LANGUAGES.map((lang) => {
        const t = mailTranslator(lang);
        return t('mail.alert.subject.job_stuck', { job: jobLabel(t, name) });
      }).join(' / '),
      LANGUAGES.map((lang) => jobSection(lang, detail, `${publicUrl}/admin/security`)),
    );
  }
  const backupsUrl = `${publicUrl}/admin/backups`;
  return contentOf(
    LANGUAGES.map((lang) => {
      const t = mailTranslator(lang);
      return t(TEXTS[kind].subject, { where: locationNames(t, detail).where });
    }).join(' / '),
    LANGUAGES.map((lang) => alertSection(kind, lang, detail, backupsUrl)),
  );
}
