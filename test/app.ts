import { randomBytes } from 'node:crypto';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { type AppOptions, buildApp } from '../src/app.js';
import { deriveLinkKey, type LinkKey } from '../src/core/shared/link-key.js';
import type { AuthSettings } from '../src/web/app-context.js';
import { TestClock } from './clock.js';
import type { TestDatabase, TestDialect } from './databases.js';

export const TEST_PUBLIC_URL = 'http://bookings.test';

export interface TestApp {
  app: FastifyInstance;
  database: TestDatabase;
  clock: TestClock;
  auth: AuthSettings;
  /** The key the app makes booking links with, for bookings a test creates directly. */
  linkKey: LinkKey;
  /** The address the app is built for (its host is the only one it answers). */
  publicUrl: string;
  close(): Promise<void>;
}

/**
 * Makes `app.inject` reach the app as a browser on the public URL does: with its Host (which the
 * host check demands; Fastify's inject would send `localhost:80`) unless a request names another.
 */
export function injectOnPublicHost(app: FastifyInstance, publicUrl = TEST_PUBLIC_URL): FastifyInstance {
  const inject = app.inject.bind(app) as (options: InjectOptions) => Promise<unknown>;
  const authority = new URL(publicUrl).host;
  app.inject = ((options: InjectOptions | string) =>
    inject(typeof options === 'string' ? { url: options, authority } : { authority, ...options })) as typeof app.inject;
  return app;
}

/** The production defaults: one hour idle, twelve hours at most. */
export function testAuthSettings(overrides: Partial<AuthSettings> = {}): AuthSettings {
  return { secretKey: randomBytes(32), idleTimeoutSeconds: 3600, absoluteTimeoutSeconds: 12 * 3600, ...overrides };
}

/**
 * The whole app on a fresh database of the dialect, with a controllable clock; inject, don't listen.
 * The booking limits are the production defaults unless `extra.bookingLimits` says otherwise; payments
 * go to Mollie's own API with no key (none offered) unless `extra.payments` says otherwise (see test/mollie/payments.ts);
 * the retention periods are the platform's defaults unless `extra.retention` says otherwise.
 */
export async function buildTestApp(
  dialect: TestDialect,
  start?: string,
  authOverrides: Partial<AuthSettings> = {},
  extra: Partial<
    Pick<
      AppOptions,
      'selfAudit' | 'publicUrl' | 'backup' | 'bookingLimits' | 'loggerInstance' | 'payments' | 'retention' | 'mailRelay' | 'jobs'
    >
  > = {},
): Promise<TestApp> {
  const database = await dialect.create();
  const clock = new TestClock(start);
  const auth = testAuthSettings(authOverrides);
  const publicUrl = extra.publicUrl ?? TEST_PUBLIC_URL;
  const app = injectOnPublicHost(await buildApp({ db: database.db, clock, auth, ...extra, publicUrl }), publicUrl);
  return {
    app,
    database,
    clock,
    auth,
    linkKey: deriveLinkKey(auth.secretKey),
    publicUrl,
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}
