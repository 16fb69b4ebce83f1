import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildTestApp } from '../test/app.js';
import { testDialects } from '../test/databases.js';

// Fastify's own schema compilers are not loaded (src/app.ts): a route that relied on them fails at
// start rather than going unchecked.
test('a route given a Fastify schema fails the start of the app', async () => {
  const t = await buildTestApp(testDialects()[0]!);
  try {
    t.app.get('/schema', { schema: { querystring: { type: 'object', properties: { q: { type: 'string' } } } } }, async () => 'answered');
    await assert.rejects(async () => t.app.ready(), /Fastify schemas are not compiled/);
  } finally {
    await t.database.close();
  }
});
