import type { FastifyInstance } from 'fastify';
import { mollieProvider } from '../../src/adapters/mollie/mollie-provider.js';
import type { PaymentSettings } from '../../src/core/payments/payment-settings.js';
import { type MollieStandIn, type MollieStandInOptions, startMollieStandIn } from './stand-in.js';
import { trustStandIn } from './trust.js';

/** A platform-wide test key the stand-in knows (`startMollie`'s default). */
export const TEST_MOLLIE_KEY = 'test_GroupzPlatformKey0000000000001';
/** A venue's own test key, a second Mollie account. */
export const TEST_VENUE_MOLLIE_KEY = 'test_GroupzVenueKey0000000000000002';

export interface TestMollie {
  standIn: MollieStandIn;
  /** For buildTestApp's `extra.payments`: the real adapter at the stand-in, the platform key, a 30-minute window. */
  settings: PaymentSettings;
  /** Sends the stand-in's webhook calls into `app.inject` (for an app that does not listen), by the URL's path. */
  deliverWebhooksTo(app: FastifyInstance): void;
  close(): Promise<void>;
}

/**
 * The Mollie stand-in, trusted by this process, with payment settings that reach it through the
 * official client. Keys: TEST_MOLLIE_KEY and TEST_VENUE_MOLLIE_KEY unless `options.keys` says otherwise.
 */
export async function startMollie(
  options: Partial<MollieStandInOptions> & { platformKey?: string | null; windowMinutes?: number } = {},
): Promise<TestMollie> {
  const { platformKey = TEST_MOLLIE_KEY, windowMinutes = 30, ...standInOptions } = options;
  const standIn = await startMollieStandIn({ keys: [TEST_MOLLIE_KEY, TEST_VENUE_MOLLIE_KEY], ...standInOptions });
  trustStandIn(standIn.url, standIn.ca);
  return {
    standIn,
    settings: { provider: mollieProvider(standIn.url), platformKey, windowMinutes },
    deliverWebhooksTo(app) {
      standIn.deliverWebhooksWith(async (url, body) => {
        const target = new URL(url);
        const response = await app.inject({
          method: 'POST',
          url: target.pathname + target.search,
          authority: target.host,
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          payload: body,
        });
        return response.statusCode;
      });
    },
    close: () => standIn.close(),
  };
}

/**
 * The environment of a `groupz serve` process that takes payments at the stand-in: its URL and a
 * platform key as settings, and a preload that trusts the stand-in's test CA for its address only.
 */
export function mollieEnv(standIn: MollieStandIn, key: string = TEST_MOLLIE_KEY): Record<string, string> {
  const preload = new URL('./trust-preload.mjs', import.meta.url).href;
  return {
    GROUPZ_MOLLIE_API_URL: standIn.url,
    GROUPZ_MOLLIE_API_KEY: key,
    GROUPZ_TEST_MOLLIE_CA: standIn.ca,
    NODE_OPTIONS: [process.env.NODE_OPTIONS, `--import=${preload}`].filter(Boolean).join(' '),
  };
}
