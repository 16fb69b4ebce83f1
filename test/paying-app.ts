import { buildTestApp, type TestApp } from './app.js';
import type { TestDialect } from './databases.js';
import { startMollie, type TestMollie } from './mollie/payments.js';

/**
 * A test app that takes payments at the Mollie stand-in. The stand-in keeps the app's time, and
 * its webhook calls go into the app; a checkout makes none, so tests call them (`callWebhook`).
 */
export async function buildPayingTestApp(dialect: TestDialect, start: string): Promise<{ t: TestApp; mollie: TestMollie }> {
  let clock: TestApp['clock'] | undefined;
  const mollie = await startMollie({ webhooks: 'drop', clock: { now: () => clock?.now() ?? new Date(start) } });
  const t = await buildTestApp(dialect, start, {}, { payments: mollie.settings });
  clock = t.clock;
  mollie.deliverWebhooksTo(t.app);
  return { t, mollie };
}
