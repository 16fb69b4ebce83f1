import type { BackupSettings } from '../core/backups/backup.js';
import type { BookingLimits } from '../core/bookings/booking-limits.js';
import type { LinkKey } from '../core/shared/link-key.js';
import type { SiteAuditor } from '../core/self-audit/self-audit.js';
import type { Clock } from '../core/shared/clock.js';
import type { ImageProcessor } from '../core/photos/photo.js';
import type { JobTimes } from '../core/jobs/job-watch.js';
import type { PaymentContext } from '../core/payments/payment-context.js';
import type { PaymentSettings } from '../core/payments/payment-settings.js';
import type { PrivacySettings } from '../core/privacy/privacy-facts.js';
import type { RetentionLimits } from '../core/privacy/retention.js';
import type { SessionSettings } from '../core/staff/session.service.js';
import type { Db } from '../db/schema.js';

/**
 * What the routes need: storage, time, and the platform's own public address. Kept apart from
 * app.ts, which registers the routes: importing it from there would put every route in a cycle.
 */
export interface AppContext {
  db: Db;
  clock: Clock;
  /** e.g. https://bookings.groupz.now, without a trailing slash. */
  publicUrl: string;
  auth: AuthSettings;
  /** Makes the bookings' private links; derived from `auth.secretKey`. */
  linkKey: LinkKey;
  /** Audits the public address (`groupz serve` gives it when that address is https); admins run it from the back office too. */
  selfAudit?: SiteAuditor | undefined;
  /** The backup settings (`Config.backup`), for the admins' backups page; undefined when backups are not set up. */
  backup?: BackupSettings | undefined;
  /** How many bookings one client network and one organiser address may place in a row (`Config.bookingLimits`). */
  bookingLimits: BookingLimits;
  /** Resizes and cleans uploaded photos (src/adapters/images/sharp-images.ts). */
  images: ImageProcessor;
  /** Online payments: the provider, the platform-wide key, the payment window. */
  payments: PaymentSettings;
  /** How long personal data is kept (`Config.retention`): the back office's limits, the privacy statement's periods. */
  retention: RetentionLimits;
  /** The host of the SMTP relay mails go out through (`GROUPZ_SMTP_URL`, never its credentials); undefined: mails are written as files. */
  mailRelay?: string | undefined;
  /** The scheduler's jobs (`groupz serve` gives them): the self-audit page shows those stuck. */
  jobs?: readonly JobTimes[] | undefined;
}

/** What the payment services need (core/payments/payment-context.ts), from the app's context. */
export function paymentContextOf(context: Pick<AppContext, 'payments' | 'auth' | 'publicUrl'>): PaymentContext {
  return { settings: context.payments, secretKey: context.auth.secretKey, publicUrl: context.publicUrl };
}

/** What the privacy statement and the register are written from (core/privacy/privacy-facts.ts), from the app's context. */
export function privacySettingsOf(context: Pick<AppContext, 'retention' | 'backup' | 'auth' | 'payments' | 'mailRelay'>): PrivacySettings {
  return {
    retention: context.retention,
    backup: context.backup,
    session: { idleTimeoutSeconds: context.auth.idleTimeoutSeconds, absoluteTimeoutSeconds: context.auth.absoluteTimeoutSeconds },
    platformPaymentKey: context.payments.platformKey !== null,
    mailRelay: context.mailRelay,
  };
}

/** The back office's secrets and session limits. */
export interface AuthSettings extends SessionSettings {
  /** 32 bytes: seals TOTP secrets, signs CSRF tokens. */
  secretKey: Buffer;
}
