import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseEnv } from 'node:util';
import { z } from 'zod';

/**
 * Every setting, with its default and meaning. Read from the environment, or from the file named by
 * GROUPZ_CONFIG_FILE (KEY=value lines), the environment winning. The README's table lists them all
 * (a test keeps it so).
 */
export const SETTINGS = {
  PORT: { default: '3000', description: 'TCP port the platform listens on.' },
  GROUPZ_HOST: { default: '127.0.0.1', description: 'Address to listen on (`0.0.0.0` for all).' },
  GROUPZ_DATA_DIR: { default: './data', description: 'Where the platform keeps its files (the SQLite database among them).' },
  GROUPZ_DATABASE_URL: {
    default: '',
    description: 'Empty: SQLite at `<data dir>/groupz.sqlite`. `postgres://user@host:5432/db`: PostgreSQL.',
  },
  GROUPZ_PUBLIC_URL: {
    default: 'http://127.0.0.1:<PORT>',
    description: "The platform's public address, used in links it hands out (manage links).",
  },
  GROUPZ_DEMO: { default: 'auto', description: '`auto`: load the demo catalogue when the database has no venues; `off`: never.' },
  GROUPZ_LOG_LEVEL: { default: 'info', description: 'fatal, error, warn, info, debug, trace or silent.' },
  GROUPZ_SECRET_KEY: {
    default: '',
    description:
      'Key that encrypts secrets at rest (TOTP secrets): 32 bytes as 64 hex characters (`openssl rand -hex 32`). Required with an https public URL; empty in development: a key is generated into `<data dir>/secret.key`.',
  },
  GROUPZ_SESSION_IDLE_TIMEOUT: { default: '3600', description: 'Seconds without activity after which a back-office session ends.' },
  GROUPZ_SESSION_ABSOLUTE_TIMEOUT: {
    default: '43200',
    description: 'Seconds after login after which a back-office session ends, however active.',
  },
  GROUPZ_SMTP_URL: {
    default: '',
    description:
      'Empty: mails are written as `.eml` files into `<data dir>/mail/`. `smtp://user:password@host:587` (STARTTLS when the server offers it) or `smtps://user:password@host:465`: mails go out through that server.',
  },
  GROUPZ_MAIL_FROM: {
    default: 'Groupz <no-reply@host>',
    description: 'Sender of every mail, `Name <address>` or an address; by default `host` is the host of `GROUPZ_PUBLIC_URL`.',
  },
  GROUPZ_CONFIG_FILE: { default: '', description: 'Optional file of `KEY=value` lines (dotenv syntax) with any of these settings.' },
} as const;

const schema = z.object({
  PORT: z.coerce
    .number({ error: 'must be a port number' })
    .int('must be a port number')
    .min(0, 'must be a port number')
    .max(65535, 'must be a port number'),
  GROUPZ_HOST: z.string().min(1, 'must not be empty'),
  GROUPZ_DATA_DIR: z.string().min(1, 'must not be empty'),
  GROUPZ_DATABASE_URL: z
    .string()
    .refine((v) => v === '' || isPostgresUrl(v), 'must be empty (SQLite) or a postgres://user@host:port/database URL'),
  GROUPZ_PUBLIC_URL: z.string().refine((v) => v === '' || /^https?:\/\/[^/\s]+$/.test(v), 'must be http(s)://host[:port] without a path'),
  GROUPZ_DEMO: z.enum(['auto', 'off'], { error: 'must be auto or off' }),
  GROUPZ_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], { error: 'must be a log level' }),
  GROUPZ_SECRET_KEY: z.string().regex(/^([0-9a-fA-F]{64})?$/, 'must be 64 hex characters (openssl rand -hex 32)'),
  GROUPZ_SESSION_IDLE_TIMEOUT: seconds(60, 24 * 3600),
  GROUPZ_SESSION_ABSOLUTE_TIMEOUT: seconds(300, 7 * 24 * 3600),
  GROUPZ_SMTP_URL: z.string().refine((v) => v === '' || isSmtpUrl(v), 'must be empty (mails as .eml files) or an smtp:// or smtps:// URL'),
  GROUPZ_MAIL_FROM: z.string().refine((v) => v === '' || MAILBOX.test(v), 'must be an address, or Name <address>'),
});

/** `someone@example.nl` or `Some Name <someone@example.nl>`. */
const MAILBOX = /^(?:[^<>"\r\n]*<[^<>@\s]+@[^<>@\s]+>|[^<>@\s]+@[^<>@\s]+)$/;

function seconds(min: number, max: number) {
  const message = `must be a whole number of seconds from ${min} to ${max}`;
  return z.coerce.number({ error: message }).int(message).min(min, message).max(max, message);
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
  for (const [key, setting] of Object.entries(SETTINGS)) {
    raw[key] = env[key] ?? fromFile[key] ?? (setting.default.includes('<') ? '' : setting.default);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success)
    problems.push(
      ...parsed.error.issues.map(
        (i) => `${i.path.join('.')}: ${i.message}${i.path[0] === 'GROUPZ_SECRET_KEY' ? '' : ` (got ${shown(raw[String(i.path[0])])})`}`,
      ),
    );
  if (parsed.success && parsed.data.GROUPZ_PUBLIC_URL.startsWith('https:') && !parsed.data.GROUPZ_SECRET_KEY) {
    problems.push('GROUPZ_SECRET_KEY: must be set when GROUPZ_PUBLIC_URL is https (openssl rand -hex 32)');
  }
  if (parsed.success && parsed.data.GROUPZ_SESSION_ABSOLUTE_TIMEOUT < parsed.data.GROUPZ_SESSION_IDLE_TIMEOUT) {
    problems.push('GROUPZ_SESSION_ABSOLUTE_TIMEOUT: must not be shorter than GROUPZ_SESSION_IDLE_TIMEOUT');
  }
  if (!parsed.success || problems.length > 0) throw new ConfigError(problems);
  const s = parsed.data;
  const dataDir = resolve(s.GROUPZ_DATA_DIR);
  const publicUrl = s.GROUPZ_PUBLIC_URL || defaultPublicUrl(s.GROUPZ_HOST, s.PORT);
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
    mailFrom: s.GROUPZ_MAIL_FROM || `Groupz <no-reply@${new URL(publicUrl).hostname}>`,
  };
}
