import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/app.js';
import { TestClock } from './clock.js';
import type { TestDatabase, TestDialect } from './databases.js';

export const TEST_PUBLIC_URL = 'http://bookings.test';

export interface TestApp {
  app: FastifyInstance;
  database: TestDatabase;
  clock: TestClock;
  close(): Promise<void>;
}

/** The whole app on a fresh database of the dialect, with a controllable clock; inject, don't listen. */
export async function buildTestApp(dialect: TestDialect, start?: string): Promise<TestApp> {
  const database = await dialect.create();
  const clock = new TestClock(start);
  const app = await buildApp({ db: database.db, clock, publicUrl: TEST_PUBLIC_URL });
  return {
    app,
    database,
    clock,
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}
