import { createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { isAbsolute, resolve } from 'node:path';
import { parseEnv } from 'node:util';
import { z } from 'zod';
import type { BackupSettings } from './core/backups/backup.js';
import { type BookingLimits, DEFAULT_BOOKING_LIMITS } from './core/bookings/booking-limits.js';
import { DEFAULT_RETENTION, type RetentionLimits } from './core/privacy/retention.js';
import { DEFAULT_DISK_THRESHOLDS, type WatchSettings } from './core/watch/watch.js';
import { MOLLIE_API_URL } from './adapters/mollie/mollie-provider.js';
import type { DkimKey } from './adapters/smtp/mail-message.js';

/** One setting: parsing, the problems listed and the config file are derived from these; docs/configuration.md lists each (a test keeps it so). */
export interface Setting {
  /** The text used when the setting is not given, as the docs show it. */
  default: string;
  /**
   * The default is worked out from other settings when the configuration is loaded (`default` says
   * how, with `<...>` for what it depends on); the setting is read as empty when not given.
   */
  computed?: true;
  /** Checks and converts the text; each message becomes a problem `NAME: message (got "value")`. */
  parse: z.ZodType;
  /** Never shown back in a problem (a key). */
  secret?: true;
  description: string;
}

/**
 * Every setting, with its default, how it is parsed and what it means. Read from the environment,
 * or from the file named by GROUPZ_CONFIG_FILE (KEY=value lines), the environment winning; the
 * problems of all of them are listed at once, in this order. The table in docs/configuration.md
 * lists them all (a test keeps it so).
 */
export const SETTINGS = {
  PORT: {
    default: '3000',
    parse: z.coerce
      .number({ error: 'must be a port number' })
      .int('must be a port number')
      .min(0, 'must be a port number')
      .max(65535, 'must be a port number'),
    description: 'The plain HTTP port with GROUPZ_TLS=off.',
  },
  GROUPZ_HOST: {
    default: '127.0.0.1',
    parse: z.string().min(1, 'must not be empty'),
    description: 'Address to listen on (`0.0.0.0` for all).',
  },
  GROUPZ_DATA_DIR: {
    default: './data',
    parse: z.string().min(1, 'must not be empty'),
    description: 'Where the platform keeps its files (the SQLite database among them).',
  },
  GROUPZ_DATABASE_URL: {
    default: '',
    parse: z.string().refine((v) => v === '' || isPostgresUrl(v), 'must be empty (SQLite) or a postgres://user@host:port/database URL'),
    description: 'Empty: SQLite at `<data dir>/groupz.sqlite`. `postgres://user@host:5432/db`: PostgreSQL.',
  },
  GROUPZ_PUBLIC_URL: {
    default: 'http://127.0.0.1:<PORT>',
    computed: true,
    parse: z.string().refine((v) => v === '' || /^https?:\/\/[^/\s]+$/.test(v), 'must be http(s)://host[:port] without a path'),
    description: "The platform's public address, used in links it hands out (manage links), and the only host it answers under.",
  },
  GROUPZ_DEMO: {
    default: 'auto',
    parse: z.enum(['auto', 'off'], { error: 'must be auto or off' }),
    description:
      '`auto`: load the demo catalogue when the database has no venues, and at every start give its venues and activities the demo photos they lack; `off`: never.',
  },
  GROUPZ_LOG_LEVEL: {
    default: 'info',
    parse: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], { error: 'must be a log level' }),
    description: 'fatal, error, warn, info, debug, trace or silent.',
  },
  GROUPZ_SECRET_KEY: {
    default: '',
    parse: z.string().regex(/^([0-9a-fA-F]{64})?$/, 'must be 64 hex characters (openssl rand -hex 32)'),
    secret: true,
    description:
      'Key that encrypts secrets at rest (TOTP secrets): 32 bytes as 64 hex characters (`openssl rand -hex 32`). Required with an https public URL; empty in development: a key is generated into `<data dir>/secret.key`.',
  },
  GROUPZ_SESSION_IDLE_TIMEOUT: {
    default: '3600',
    parse: seconds(60, 24 * 3600),
    description: 'Seconds without activity after which a back-office session ends.',
  },
  GROUPZ_SESSION_ABSOLUTE_TIMEOUT: {
    default: '43200',
    parse: seconds(300, 7 * 24 * 3600),
    description: 'Seconds after login after which a back-office session ends, however active.',
  },
  GROUPZ_SMTP_URL: {
    default: '',
    parse: z.string().refine((v) => v === '' || isSmtpUrl(v), 'must be empty (mails as .eml files) or an smtp:// or smtps:// URL'),
    description:
      'Empty: mails are written as `.eml` files into `<data dir>/mail/`. `smtp://user:password@host:587` (STARTTLS when the server offers it) or `smtps://user:password@host:465`: mails go out through that server.',
  },
  GROUPZ_MAIL_FROM: {
    default: 'Groupz <no-reply@host>',
    computed: true,
    parse: z.string().refine((v) => v === '' || MAILBOX.test(v), 'must be an address, or Name <address>'),
    description: 'Sender of every mail, `Name <address>` or an address; by default `host` is the host of `GROUPZ_PUBLIC_URL`.',
  },
  GROUPZ_DKIM_DOMAIN: {
    default: '',
    parse: z.string().refine((v) => v === '' || HOST_NAME.test(v), 'must be a domain name such as example.nl'),
    description:
      "The domain that signs every mail with DKIM (`d=`): the sender's domain or a parent of it. Set all three GROUPZ_DKIM_* settings, or none (no signature).",
  },
  GROUPZ_DKIM_SELECTOR: {
    default: '',
    parse: z.string().refine((v) => v === '' || HOST_NAME.test(v), 'must be letters, digits and hyphens (dots between labels)'),
    description: 'With DKIM: the selector (`s=`); the public key is published as a TXT record at `<selector>._domainkey.<domain>`.',
  },
  GROUPZ_DKIM_KEY_FILE: {
    default: '',
    parse: z.string(),
    description: 'With DKIM: the RSA private key (PEM, 2048 bits or more advised) that signs.',
  },
  GROUPZ_CONFIG_FILE: {
    default: '',
    parse: z.string(),
    description: 'Optional file of `KEY=value` lines (dotenv syntax) with any of these settings.',
  },
  GROUPZ_TLS: {
    default: 'off',
    parse: z.enum(['off', 'files', 'acme'], { error: 'must be off, files or acme' }),
    description:
      "`off`: plain HTTP on GROUPZ_HOST:PORT (development). `files`: HTTPS with the certificate files below. `acme`: HTTPS with certificates from an ACME CA (Let's Encrypt).",
  },
  GROUPZ_HTTPS_PORT: {
    default: '443',
    parse: listenPort(),
    description: 'With TLS: the HTTPS port (HTTP/2 and HTTP/1.1).',
  },
  GROUPZ_HTTP_PORT: {
    default: '80',
    parse: listenPort(),
    description: 'With TLS: the plain HTTP port, which only answers ACME challenges and redirects to https.',
  },
  GROUPZ_TLS_CERT_FILE: {
    default: '',
    parse: z.string(),
    description: 'With `files`: the certificate chain (PEM), leaf first.',
  },
  GROUPZ_TLS_KEY_FILE: {
    default: '',
    parse: z.string(),
    description: 'With `files`: the private key of the certificate (PEM).',
  },
  GROUPZ_TLS_RELOAD_INTERVAL: {
    default: '60',
    parse: seconds(1, 24 * 3600),
    description: 'With `files`: seconds between checks whether the files changed (1 to 86400).',
  },
  GROUPZ_ACME_DIRECTORY_URL: {
    default: '',
    parse: z.string().refine((v) => v === '' || isHttpsUrl(v), 'must be an https:// URL'),
    description: "With `acme`: the CA's directory URL, e.g. `https://acme-v02.api.letsencrypt.org/directory`.",
  },
  GROUPZ_ACME_EMAIL: {
    default: '',
    parse: z.string().refine((v) => v === '' || z.email().safeParse(v).success, 'must be an email address'),
    description: 'With `acme`: contact address for the ACME account (expiry notices).',
  },
  GROUPZ_ACME_CA_FILE: {
    default: '',
    parse: z.string(),
    description: "With `acme`: an extra CA certificate (PEM) to trust for the ACME server's own HTTPS, besides the system's (a test CA).",
  },
  GROUPZ_ACME_RENEW_DAYS: {
    default: '30',
    parse: z.coerce
      .number({ error: 'must be a whole number of days from 1 to 365' })
      .int('must be a whole number of days from 1 to 365')
      .min(1, 'must be a whole number of days from 1 to 365')
      .max(365, 'must be a whole number of days from 1 to 365'),
    description: 'With `acme`: renew when fewer than this many days remain (1 to 365).',
  },
  GROUPZ_ACME_CHECK_INTERVAL: {
    default: '43200',
    parse: seconds(1, 24 * 3600),
    description: 'With `acme`: seconds between renewal checks (1 to 86400).',
  },
  GROUPZ_BACKUP_LOCAL_REPO: {
    default: '',
    parse: z.string(),
    description:
      'The restic repository on the server itself (a directory, e.g. `/var/backups/groupz`). Empty with GROUPZ_BACKUP_REMOTE_REPO empty: no backups.',
  },
  GROUPZ_BACKUP_REMOTE_REPO: {
    default: '',
    parse: z.string(),
    description:
      'The restic repository at the second location, e.g. `sftp:groupz@backup.example.nl:/srv/groupz` (any restic repository URL works).',
  },
  GROUPZ_BACKUP_PASSWORD_FILE: {
    default: '',
    parse: z.string(),
    description:
      'File holding the password that encrypts both repositories (required with a repository). Lose it and the backups cannot be read by anyone.',
  },
  GROUPZ_BACKUP_SSH_KEY_FILE: {
    default: '',
    parse: z.string(),
    description: "With an `sftp:` repository: the private SSH key to log in with (empty: ssh's own defaults).",
  },
  GROUPZ_BACKUP_SSH_KNOWN_HOSTS_FILE: {
    default: '',
    parse: z.string(),
    description:
      "With an `sftp:` repository: the known_hosts file holding the backup host's key, which must match (empty: ssh's own defaults).",
  },
  GROUPZ_BACKUP_TIME: {
    default: '03:00',
    parse: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time HH:MM'),
    description: 'When the nightly backup runs, HH:MM in Europe/Amsterdam time.',
  },
  GROUPZ_BACKUP_KEEP_DAYS: {
    default: '14',
    parse: count(14, 3650),
    description: 'Every snapshot of this many days is kept (at least 14).',
  },
  GROUPZ_BACKUP_KEEP_DAILY: {
    default: '30',
    parse: count(0, 3650),
    description: 'Beyond those, the last snapshot of this many days is kept.',
  },
  GROUPZ_BACKUP_KEEP_WEEKLY: {
    default: '12',
    parse: count(0, 520),
    description: 'And the last snapshot of this many weeks.',
  },
  GROUPZ_BACKUP_KEEP_MONTHLY: {
    default: '12',
    parse: count(0, 1200),
    description: 'And the last snapshot of this many months.',
  },
  GROUPZ_BACKUP_CHECK_SUBSETS: {
    default: '7',
    parse: count(1, 365),
    description:
      "The nightly `restic check` reads one part in this many of the repository's data, another part each night (1: all of it every night).",
  },
  GROUPZ_RETENTION_PARTICIPANTS_DAYS: {
    default: String(DEFAULT_RETENTION.participantsDays),
    parse: count(1, 365),
    description:
      "Days after the visit that participants' details and the organiser's remarks (allergies, diets, emergency phones) are removed (1 to 365); venues may choose fewer.",
  },
  GROUPZ_RETENTION_ORGANISER_MONTHS: {
    default: String(DEFAULT_RETENTION.organiserMonths),
    parse: count(1, 120),
    description:
      "Months after the visit that the organiser's contact and billing details are anonymised, and after a voucher's end its buyer's (1 to 120); venues may choose fewer. Issued invoices are kept seven years regardless.",
  },
  GROUPZ_RETENTION_CANCELLED_DAYS: {
    default: String(DEFAULT_RETENTION.cancelledDays),
    parse: count(1, 365),
    description:
      'Days after a booking was cancelled or expired that everything personal in it is anonymised (1 to 365); venues may choose fewer.',
  },
  GROUPZ_RETENTION_MAIL_DAYS: {
    default: String(DEFAULT_RETENTION.mailDays),
    parse: count(1, 365),
    description: 'Days after a mail was sent (or given up) that its recipient, its contents and its `.eml` file are removed (1 to 365).',
  },
  GROUPZ_RETENTION_ACTIVITY_LOG_MONTHS: {
    default: String(DEFAULT_RETENTION.activityLogMonths),
    parse: count(1, 120),
    description:
      "Months after which an activity log entry loses the staff member's address, the client's network and free texts (1 to 120).",
  },
  GROUPZ_BOOKING_LIMIT_PER_NETWORK: {
    default: String(DEFAULT_BOOKING_LIMITS.perNetwork),
    parse: limit(),
    description:
      'Booking attempts (refused ones too) from one client address (IPv4 /32, IPv6 /64, as the platform sees it: behind a proxy all clients share one count) in a row; past it each further one waits 1, 2, 4 ... minutes (at most an hour), and the count starts over after three hours without one. `0` or `off`: no limit.',
  },
  GROUPZ_BOOKING_LIMIT_PER_EMAIL: {
    default: String(DEFAULT_BOOKING_LIMITS.perEmail),
    parse: limit(),
    description:
      'Bookings placed for one organiser address (lower case, without a `+tag`) in a row (refused attempts do not count), with the same waits; this also caps the mails one address gets from bookings it never made. `0` or `off`: no limit.',
  },
  GROUPZ_MOLLIE_API_KEY: {
    default: '',
    parse: z
      .string()
      .regex(
        /^(?:(?:test|live)_[A-Za-z0-9]{30,64})?$/,
        'must be empty or a Mollie API key: test_ or live_ and at least 30 letters and digits',
      ),
    secret: true,
    description:
      "The platform-wide Mollie API key (`test_...` or `live_...`, from Mollie's dashboard), for venues without a key of their own. Empty: only venues with their own key take payments online. A `live_` key needs an https GROUPZ_PUBLIC_URL.",
  },
  GROUPZ_MOLLIE_API_URL: {
    default: MOLLIE_API_URL,
    parse: z.string().refine(isHttpUrl, 'must be an http(s):// URL'),
    description: "The base URL of Mollie's API. Only tests change it (to a local stand-in); a `live_` key needs https.",
  },
  GROUPZ_PAYMENT_WINDOW: {
    default: '30',
    parse: minutes(5, 1440),
    description:
      'Minutes a booking that must be paid when it is made holds its places while the organiser pays (5 to 1440); unpaid after that, the places are released.',
  },
  GROUPZ_DISK_WARN_PERCENT: {
    default: String(DEFAULT_DISK_THRESHOLDS.percent),
    parse: count(0, 99),
    description:
      "Admins are warned (mail, back office) when the data directory's file system has less than this percentage free (0 to 99; 0: no percentage limit).",
  },
  GROUPZ_DISK_WARN_SIZE: {
    default: '1G',
    parse: byteSize(),
    description:
      'And when it has less than this much free: bytes, or a number with K, M, G or T (powers of 1024), e.g. `1G` (0: no size limit).',
  },
  GROUPZ_WATCH_INTERVAL: {
    default: '60',
    parse: seconds(1, 3600),
    description:
      "Seconds between looks at the data directory's free space and, with PostgreSQL, at whether the database answers (1 to 3600).",
  },
} as const satisfies Record<string, Setting>;

type SettingName = keyof typeof SETTINGS;

const SETTING_LIST = Object.entries(SETTINGS) as [SettingName, Setting][];

/** Every setting's parse, in the table's order (the order the problems are listed in). */
const schema = z.object(
  Object.fromEntries(SETTING_LIST.map(([name, setting]) => [name, setting.parse])) as {
    [Name in SettingName]: (typeof SETTINGS)[Name]['parse'];
  },
);

/** A number of bookings (1 to 1000000), or `0` / `off` for no limit (null). */
function limit() {
  return z
    .string()
    .regex(/^(?:off|0|[1-9]\d{0,5}|1000000)$/, 'must be a whole number from 1 to 1000000, or 0 or off for no limit')
    .transform((v) => (v === 'off' || v === '0' ? null : Number(v)));
}

const SIZE_UNITS = { '': 1, K: 1024, M: 1024 ** 2, G: 1024 ** 3, T: 1024 ** 4 } as const;

/** A size in bytes: a whole number, or one with K, M, G or T (powers of 1024). */
function byteSize() {
  return z
    .string()
    .regex(/^\d{1,12}[KMGT]?$/i, 'must be a whole number of bytes, or one with K, M, G or T (powers of 1024), e.g. 1G')
    .transform((v) => {
      const [, digits, unit] = /^(\d+)(\D?)$/.exec(v)!;
      return Number(digits) * SIZE_UNITS[unit!.toUpperCase() as keyof typeof SIZE_UNITS];
    });
}

function count(min: number, max: number) {
  const message = `must be a whole number from ${min} to ${max}`;
  return z.coerce.number({ error: message }).int(message).min(min, message).max(max, message);
}

/** `someone@example.nl` or `Some Name <someone@example.nl>`. */
const MAILBOX = /^(?:[^<>"\r\n]*<[^<>@\s]+@[^<>@\s]+>|[^<>@\s]+@[^<>@\s]+)$/;

/** Dot-separated labels of letters, digits and inner hyphens. */
const HOST_NAME = /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;

/** The domain of a mailbox (`Name <a@example.nl>` or `a@example.nl`), lower-case, without an address literal's brackets. */
function mailDomain(mailbox: string): string {
  return (/@([^<>@\s]+)>?$/.exec(mailbox)?.[1] ?? '').toLowerCase().replace(/^\[|\]$/g, '');
}

function listenPort() {
  const message = 'must be a port number from 1 to 65535';
  return z.coerce.number({ error: message }).int(message).min(1, message).max(65535, message);
}

function minutes(min: number, max: number) {
  const message = `must be a whole number of minutes from ${min} to ${max}`;
  return z.coerce.number({ error: message }).int(message).min(min, message).max(max, message);
}

function seconds(min: number, max: number) {
  const message = `must be a whole number of seconds from ${min} to ${max}`;
  return z.coerce.number({ error: message }).int(message).min(min, message).max(max, message);
}

/** How `serve` answers: plain HTTP, or HTTPS with certificates from files or from an ACME CA. */
export type TlsConfig =
  | { mode: 'off' }
  | (TlsPorts & { mode: 'files'; certFile: string; keyFile: string; reloadIntervalSeconds: number })
  | (TlsPorts & {
      mode: 'acme';
      directoryUrl: string;
      email: string;
      /** An extra CA to trust for the ACME server's HTTPS. */
      caFile: string | undefined;
      renewDays: number;
      checkIntervalSeconds: number;
    });

export interface TlsPorts {
  httpsPort: number;
  /** Answers ACME challenges and redirects everything else to https. */
  httpPort: number;
}

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  sqliteFile: string;
  publicUrl: string;
  demo: 'auto' | 'off';
  logLevel: string;
  /** 32 bytes, or undefined in development (then generated into the data dir). */
  secretKey: Buffer | undefined;
  sessionIdleTimeoutSeconds: number;
  sessionAbsoluteTimeoutSeconds: number;
  /** smtp:// or smtps:// URL; undefined: mails are written as .eml files into `<data dir>/mail/`. */
  smtpUrl: string | undefined;
  mailFrom: string;
  /** DKIM signing of every mail; undefined: mails go out unsigned. */
  dkim: DkimKey | undefined;
  tls: TlsConfig;
  /** Undefined when no backup repository is configured. */
  backup: BackupSettings | undefined;
  bookingLimits: BookingLimits;
  payments: PaymentConfig;
  /** How long personal data is kept (GROUPZ_RETENTION_*). */
  retention: RetentionLimits;
  /** When admins are warned about the data directory's free space, and how often it (and PostgreSQL) is looked at. */
  watch: WatchSettings;
}

/** Online payments through Mollie (GROUPZ_MOLLIE_* and GROUPZ_PAYMENT_WINDOW). */
export interface PaymentConfig {
  /** The platform-wide key; null: only venues with their own key take payments online. */
  apiKey: string | null;
  apiUrl: string;
  windowMinutes: number;
}

/** Thrown with every problem at once, so an operator fixes them in one go. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

function isSmtpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'smtp:' || url.protocol === 'smtps:') && url.hostname !== '';
  } catch {
    return false;
  }
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

function isHttpsUrl(value: string): boolean {
  try {
    return new URL(value).protocol === 'https:';
  } catch {
    return false;
  }
}

function isPostgresUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'postgres:' || url.protocol === 'postgresql:') && url.hostname !== '';
  } catch {
    return false;
  }
}

/** A value as it may be shown back: a password in a URL is masked. */
function shown(value: string | undefined): string {
  return JSON.stringify((value ?? '').replace(/(\/\/[^/:@]*:)[^@/]*@/, '$1***@'));
}

/** Lines of the config file that are not `KEY=value`, blank or a `#` comment. */
function malformedLines(text: string): number[] {
  return text
    .split('\n')
    .map((line, index) => ({ line: line.trim(), number: index + 1 }))
    .filter(({ line }) => line !== '' && !line.startsWith('#') && !/^[A-Za-z_][A-Za-z0-9_]*\s*=/.test(line))
    .map(({ number }) => number);
}

function defaultPublicUrl(host: string, port: number): string {
  const reachable = host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '::1' : host;
  return `http://${reachable.includes(':') ? `[${reachable}]` : reachable}:${port}`;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  let fromFile: Record<string, string> = {};
  const problems: string[] = [];
  const file = env.GROUPZ_CONFIG_FILE;
  if (file) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      throw new ConfigError([`GROUPZ_CONFIG_FILE: cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? 'error'})`]);
    }
    fromFile = parseEnv(text) as Record<string, string>;
    problems.push(...malformedLines(text).map((n) => `${file}:${n}: not a KEY=value line`));
    problems.push(
      ...Object.keys(fromFile)
        .filter((key) => !(key in SETTINGS))
        .map((key) => `${key}: unknown setting in ${file}`),
    );
  }
  // A misspelt variable would silently fall back to a default; GROUPZ_TEST_* belong to the test suite.
  problems.push(
    ...Object.keys(env)
      .filter((key) => key.startsWith('GROUPZ_') && !key.startsWith('GROUPZ_TEST_') && !(key in SETTINGS))
      .map((key) => `${key}: unknown setting in the environment`),
  );
  const raw: Record<string, string> = {};
  for (const [name, setting] of SETTING_LIST) raw[name] = env[name] ?? fromFile[name] ?? (setting.computed ? '' : setting.default);
  const parsed = schema.safeParse(raw);
  if (!parsed.success)
    problems.push(
      ...parsed.error.issues.map((i) => {
        const name = String(i.path[0]) as SettingName;
        const setting: Setting = SETTINGS[name];
        return `${name}: ${i.message}${setting.secret ? '' : ` (got ${shown(raw[name])})`}`;
      }),
    );
  if (parsed.success && parsed.data.GROUPZ_PUBLIC_URL.startsWith('https:') && !parsed.data.GROUPZ_SECRET_KEY) {
    problems.push('GROUPZ_SECRET_KEY: must be set when GROUPZ_PUBLIC_URL is https (openssl rand -hex 32)');
  }
  if (parsed.success && parsed.data.GROUPZ_SESSION_ABSOLUTE_TIMEOUT < parsed.data.GROUPZ_SESSION_IDLE_TIMEOUT) {
    problems.push('GROUPZ_SESSION_ABSOLUTE_TIMEOUT: must not be shorter than GROUPZ_SESSION_IDLE_TIMEOUT');
  }
  const publicUrl = parsed.success ? parsed.data.GROUPZ_PUBLIC_URL || defaultPublicUrl(parsed.data.GROUPZ_HOST, parsed.data.PORT) : '';
  const mailFrom = parsed.success ? parsed.data.GROUPZ_MAIL_FROM || `Groupz <no-reply@${new URL(publicUrl).hostname}>` : '';
  const dkim = parsed.success ? readDkim(parsed.data, mailFrom) : { problems: [] };
  if (parsed.success) {
    problems.push(
      ...tlsProblems(parsed.data),
      ...backupProblems(parsed.data),
      ...senderProblems(publicUrl, mailFrom, !parsed.data.GROUPZ_MAIL_FROM),
      ...paymentProblems(parsed.data, publicUrl),
      ...dkim.problems,
    );
  }
  if (!parsed.success || problems.length > 0) throw new ConfigError(problems);
  const s = parsed.data;
  const dataDir = resolve(s.GROUPZ_DATA_DIR);
  return {
    port: s.PORT,
    host: s.GROUPZ_HOST,
    dataDir,
    databaseUrl: s.GROUPZ_DATABASE_URL || undefined,
    sqliteFile: resolve(dataDir, 'groupz.sqlite'),
    publicUrl,
    demo: s.GROUPZ_DEMO,
    logLevel: s.GROUPZ_LOG_LEVEL,
    secretKey: s.GROUPZ_SECRET_KEY ? Buffer.from(s.GROUPZ_SECRET_KEY, 'hex') : undefined,
    sessionIdleTimeoutSeconds: s.GROUPZ_SESSION_IDLE_TIMEOUT,
    sessionAbsoluteTimeoutSeconds: s.GROUPZ_SESSION_ABSOLUTE_TIMEOUT,
    smtpUrl: s.GROUPZ_SMTP_URL || undefined,
    mailFrom,
    dkim: dkim.settings,
    tls: tlsConfig(s),
    backup: backupSettings(s, dataDir),
    bookingLimits: { perNetwork: s.GROUPZ_BOOKING_LIMIT_PER_NETWORK, perEmail: s.GROUPZ_BOOKING_LIMIT_PER_EMAIL },
    payments: { apiKey: s.GROUPZ_MOLLIE_API_KEY || null, apiUrl: s.GROUPZ_MOLLIE_API_URL, windowMinutes: s.GROUPZ_PAYMENT_WINDOW },
    retention: {
      participantsDays: s.GROUPZ_RETENTION_PARTICIPANTS_DAYS,
      organiserMonths: s.GROUPZ_RETENTION_ORGANISER_MONTHS,
      cancelledDays: s.GROUPZ_RETENTION_CANCELLED_DAYS,
      mailDays: s.GROUPZ_RETENTION_MAIL_DAYS,
      activityLogMonths: s.GROUPZ_RETENTION_ACTIVITY_LOG_MONTHS,
    },
    watch: {
      disk: { percent: s.GROUPZ_DISK_WARN_PERCENT, bytes: s.GROUPZ_DISK_WARN_SIZE },
      intervalSeconds: s.GROUPZ_WATCH_INTERVAL,
    },
  };
}

/**
 * Live payments need https both ways: Mollie sends the organiser back to, and calls the webhook
 * at, the public URL; and the live key must not travel to the API in the clear.
 */
function paymentProblems(s: Settings, publicUrl: string): string[] {
  if (!s.GROUPZ_MOLLIE_API_KEY.startsWith('live_')) return [];
  const problems: string[] = [];
  if (!publicUrl.startsWith('https:')) {
    problems.push('GROUPZ_MOLLIE_API_KEY: a live_ key needs an https GROUPZ_PUBLIC_URL (live payments return to and report at it)');
  }
  if (!s.GROUPZ_MOLLIE_API_URL.startsWith('https:')) {
    problems.push(`GROUPZ_MOLLIE_API_URL: must be an https:// URL with a live_ key (got ${shown(s.GROUPZ_MOLLIE_API_URL)})`);
  }
  return problems;
}

type Settings = z.infer<typeof schema>;

/**
 * A production deployment (https) must send from a mail domain: an address at an IP address or
 * at localhost is refused by receivers, or lands in spam, and cannot be DKIM-signed.
 */
function senderProblems(publicUrl: string, mailFrom: string, isDefault: boolean): string[] {
  if (!publicUrl.startsWith('https:')) return [];
  const domain = mailDomain(mailFrom);
  if (isIP(domain) === 0 && domain !== 'localhost' && !domain.endsWith('.localhost')) return [];
  const origin = `GROUPZ_MAIL_FROM${isDefault ? ' (its default, from GROUPZ_PUBLIC_URL)' : ''}`;
  return [
    `${origin}: must be an address at a mail domain, not at an IP address or localhost, when GROUPZ_PUBLIC_URL is https (got ${shown(mailFrom)})`,
  ];
}

const DKIM_KEYS = ['GROUPZ_DKIM_DOMAIN', 'GROUPZ_DKIM_SELECTOR', 'GROUPZ_DKIM_KEY_FILE'] as const;

/** DKIM: all three settings or none; a readable RSA private key; a domain the sender's is at, so that DMARC aligns. */
function readDkim(s: Settings, mailFrom: string): { settings?: DkimKey; problems: string[] } {
  const missing = DKIM_KEYS.filter((key) => !s[key]);
  if (missing.length === DKIM_KEYS.length) return { problems: [] };
  if (missing.length > 0)
    return { problems: missing.map((key) => `${key}: must be set with the other GROUPZ_DKIM_* settings (all three or none)`) };
  const problems: string[] = [];
  const domain = s.GROUPZ_DKIM_DOMAIN.toLowerCase();
  const sender = mailDomain(mailFrom);
  if (sender !== domain && !sender.endsWith(`.${domain}`)) {
    problems.push(
      `GROUPZ_DKIM_DOMAIN: must be the sender's domain (${sender}) or a parent of it, so that DMARC aligns (got ${shown(domain)})`,
    );
  }
  let privateKey = '';
  try {
    privateKey = readFileSync(s.GROUPZ_DKIM_KEY_FILE, 'utf8');
    const key = createPrivateKey(privateKey);
    if (key.asymmetricKeyType !== 'rsa' || (key.asymmetricKeyDetails?.modulusLength ?? 0) < 1024) {
      problems.push(
        `GROUPZ_DKIM_KEY_FILE: must hold an RSA key of at least 1024 bits (2048 advised) (got ${key.asymmetricKeyType} in ${s.GROUPZ_DKIM_KEY_FILE})`,
      );
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    problems.push(
      `GROUPZ_DKIM_KEY_FILE: ${code?.startsWith('E') && !code.startsWith('ERR_') ? `cannot read ${s.GROUPZ_DKIM_KEY_FILE} (${code})` : `${s.GROUPZ_DKIM_KEY_FILE} holds no private key in PEM`}`,
    );
  }
  if (problems.length > 0) return { problems };
  return { settings: { domainName: domain, keySelector: s.GROUPZ_DKIM_SELECTOR, privateKey }, problems };
}

/** What a configured backup requires of the other settings. */
function backupProblems(s: Settings): string[] {
  const local = s.GROUPZ_BACKUP_LOCAL_REPO;
  const remote = s.GROUPZ_BACKUP_REMOTE_REPO;
  if (!local && !remote) return [];
  const problems: string[] = [];
  if (!s.GROUPZ_BACKUP_PASSWORD_FILE) problems.push('GROUPZ_BACKUP_PASSWORD_FILE: must be set with a backup repository');
  if (local && !isAbsolute(local))
    problems.push(`GROUPZ_BACKUP_LOCAL_REPO: must be an absolute path such as /var/backups/groupz (got ${shown(local)})`);
  if (remote && !isAbsolute(remote) && !RESTIC_URL.test(remote)) {
    problems.push(
      `GROUPZ_BACKUP_REMOTE_REPO: must be a restic repository URL (sftp:user@host:/path, sftp://user@host:port//path, rest:, s3:, b2:, azure:, gs:, swift:, rclone:) or an absolute path (got ${shown(remote)})`,
    );
  }
  if (local && remote && repositoryLocation(local) === repositoryLocation(remote)) {
    problems.push('GROUPZ_BACKUP_REMOTE_REPO: must be another place than GROUPZ_BACKUP_LOCAL_REPO');
  }
  return problems;
}

/** restic's repository URLs; a plain word or a relative path is not one (it would become a folder here). */
const RESTIC_URL = /^(?:sftp:(?:\/\/)?[^\s/:@]+@?[^\s/:]*(?::\d+)?[:/]\S+|(?:rest|s3|b2|azure|gs|swift|rclone):\S+)$/;

function backupSettings(s: Settings, dataDir: string): BackupSettings | undefined {
  if (!s.GROUPZ_BACKUP_LOCAL_REPO && !s.GROUPZ_BACKUP_REMOTE_REPO) return undefined;
  const file = (value: string) => (value ? resolve(value) : undefined);
  return {
    repositories: {
      local: s.GROUPZ_BACKUP_LOCAL_REPO ? repositoryLocation(s.GROUPZ_BACKUP_LOCAL_REPO) : undefined,
      remote: s.GROUPZ_BACKUP_REMOTE_REPO ? repositoryLocation(s.GROUPZ_BACKUP_REMOTE_REPO) : undefined,
    },
    passwordFile: resolve(s.GROUPZ_BACKUP_PASSWORD_FILE),
    sshKeyFile: file(s.GROUPZ_BACKUP_SSH_KEY_FILE),
    sshKnownHostsFile: file(s.GROUPZ_BACKUP_SSH_KNOWN_HOSTS_FILE),
    time: s.GROUPZ_BACKUP_TIME,
    retention: {
      keepDays: s.GROUPZ_BACKUP_KEEP_DAYS,
      daily: s.GROUPZ_BACKUP_KEEP_DAILY,
      weekly: s.GROUPZ_BACKUP_KEEP_WEEKLY,
      monthly: s.GROUPZ_BACKUP_KEEP_MONTHLY,
    },
    checkSubsets: s.GROUPZ_BACKUP_CHECK_SUBSETS,
    workDir: resolve(dataDir, 'backup'),
  };
}

/** A repository given as a plain path is made absolute; restic URLs (`sftp:`, `rest:`, `s3:` ...) stay as they are. */
function repositoryLocation(value: string): string {
  return /^[a-z0-9]+:/.test(value) ? value : resolve(value);
}

/** What GROUPZ_TLS=files or acme requires of the other settings. */
function tlsProblems(s: Settings): string[] {
  if (s.GROUPZ_TLS === 'off') return [];
  const problems: string[] = [];
  const mode = `GROUPZ_TLS=${s.GROUPZ_TLS}`;
  if (!s.GROUPZ_PUBLIC_URL.startsWith('https:')) problems.push(`GROUPZ_PUBLIC_URL: must be an https:// URL with ${mode}`);
  if (s.GROUPZ_HTTPS_PORT === s.GROUPZ_HTTP_PORT) problems.push('GROUPZ_HTTP_PORT: must differ from GROUPZ_HTTPS_PORT');
  if (s.GROUPZ_TLS === 'files') {
    if (!s.GROUPZ_TLS_CERT_FILE) problems.push(`GROUPZ_TLS_CERT_FILE: must be set with ${mode}`);
    if (!s.GROUPZ_TLS_KEY_FILE) problems.push(`GROUPZ_TLS_KEY_FILE: must be set with ${mode}`);
  } else {
    if (!s.GROUPZ_ACME_DIRECTORY_URL) problems.push(`GROUPZ_ACME_DIRECTORY_URL: must be set with ${mode}`);
    if (!s.GROUPZ_ACME_EMAIL) problems.push(`GROUPZ_ACME_EMAIL: must be set with ${mode}`);
    if (s.GROUPZ_PUBLIC_URL.startsWith('https:') && isIP(new URL(s.GROUPZ_PUBLIC_URL).hostname.replace(/^\[|\]$/g, '')) !== 0) {
      problems.push(`GROUPZ_PUBLIC_URL: must name a host, not an IP address, with ${mode}`);
    }
  }
  return problems;
}

function tlsConfig(s: Settings): TlsConfig {
  const ports = { httpsPort: s.GROUPZ_HTTPS_PORT, httpPort: s.GROUPZ_HTTP_PORT };
  switch (s.GROUPZ_TLS) {
    case 'off':
      return { mode: 'off' };
    case 'files':
      return {
        mode: 'files',
        ...ports,
        certFile: resolve(s.GROUPZ_TLS_CERT_FILE),
        keyFile: resolve(s.GROUPZ_TLS_KEY_FILE),
        reloadIntervalSeconds: s.GROUPZ_TLS_RELOAD_INTERVAL,
      };
    case 'acme':
      return {
        mode: 'acme',
        ...ports,
        directoryUrl: s.GROUPZ_ACME_DIRECTORY_URL,
        email: s.GROUPZ_ACME_EMAIL,
        caFile: s.GROUPZ_ACME_CA_FILE ? resolve(s.GROUPZ_ACME_CA_FILE) : undefined,
        renewDays: s.GROUPZ_ACME_RENEW_DAYS,
        checkIntervalSeconds: s.GROUPZ_ACME_CHECK_INTERVAL,
      };
  }
}
