import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { test } from 'node:test';
import { canListen, freePort } from './server-process.js';

test('a port in use is not free, and is free again once let go: freePort draws another, it does not throw', async () => {
  const held = createServer();
  held.listen(await freePort(), '127.0.0.1');
  await once(held, 'listening');
  const { port } = held.address() as { port: number };
  assert.equal(await canListen(port), false);
  held.close();
  await once(held, 'close');
  assert.equal(await canListen(port), true);
});
