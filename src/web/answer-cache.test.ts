import assert from 'node:assert/strict';
import { test } from 'node:test';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { AnswerCache } from './answer-cache.js';

const at = (iso: string) => new Date(iso);

test('an answer is served under its version until its time, then dropped', () => {
  const cache = new AnswerCache();
  cache.set('k', 'v1', 'answer', at('2027-01-01T10:00:00Z'));
  assert.equal(cache.get('k', 'v1', at('2027-01-01T09:59:59.999Z'))?.identity.toString(), 'answer');
  assert.equal(cache.get('k', 'v2', at('2027-01-01T09:00:00Z')), undefined, 'another version');
  assert.deepEqual(cache.usage, { entries: 0, bytes: 0 }, 'a stale answer is dropped');
  cache.set('k', 'v1', 'answer', at('2027-01-01T10:00:00Z'));
  assert.equal(cache.get('k', 'v1', at('2027-01-01T10:00:00Z')), undefined, 'not at its time');
  cache.set('k', 'v1', 'for ever', null);
  assert.equal(cache.get('k', 'v1', at('2099-01-01T00:00:00Z'))?.identity.toString(), 'for ever');
});

test('the least recently used answers go once the entries or the bytes pass the bounds', () => {
  const cache = new AnswerCache(3, 10);
  for (const key of ['a', 'b', 'c']) cache.set(key, 'v', 'xx', null);
  cache.get('a', 'v', new Date());
  cache.set('d', 'v', 'xx', null);
  assert.equal(cache.get('b', 'v', new Date()), undefined, 'the least recently used');
  assert.deepEqual(cache.usage, { entries: 3, bytes: 6 });
  cache.set('e', 'v', 'é'.repeat(4), null);
  assert.deepEqual(cache.usage, { entries: 2, bytes: 10 }, 'bytes, not characters');
  assert.equal(cache.get('e', 'v', new Date())?.identity.toString(), 'éééé');
  assert.equal(cache.set('big', 'v', 'x'.repeat(11), null).identity.length, 11, 'too big to keep, still sent');
  assert.equal(cache.get('big', 'v', new Date()), undefined);
});

test('an answer is compressed once per encoding, counted in the bytes, and goes with its version', () => {
  const cache = new AnswerCache();
  const text = (n: number) => JSON.stringify({ slots: Array.from({ length: 80 }, (_, i) => ({ id: `slot-${i}`, remaining: n })) });
  const kept = cache.set('k', 'v1', text(8), null);
  const identity = kept.identity.length;
  assert.deepEqual(cache.usage, { entries: 1, bytes: identity });
  const br = kept.in('br');
  assert.equal(brotliDecompressSync(br).toString(), text(8));
  assert.equal(cache.get('k', 'v1', new Date())!.in('br'), br, 'made once, then the same bytes');
  const gzip = cache.get('k', 'v1', new Date())!.in('gzip');
  assert.equal(gunzipSync(gzip).toString(), text(8));
  assert.deepEqual(cache.usage, { entries: 1, bytes: identity + br.length + gzip.length }, 'the encodings count');
  assert.equal(cache.get('k', 'v2', new Date()), undefined, 'after a change, in no encoding');
  assert.deepEqual(cache.usage, { entries: 0, bytes: 0 }, 'its encodings go with it');
  const next = cache.set('k', 'v2', text(3), null);
  assert.equal(brotliDecompressSync(cache.get('k', 'v2', new Date())!.in('br')).toString(), text(3), 'the new answer, compressed anew');
  assert.equal(cache.usage.bytes, next.size);
});

test('the bytes an answer holds are the bytes the cache counts: its encodings pin no larger buffer', () => {
  const cache = new AnswerCache();
  const text = JSON.stringify({ slots: Array.from({ length: 60 }, (_, i) => ({ id: `slot-${i}`, remaining: i, available: true })) });
  const kept = cache.set('k', 'v', text, null);
  for (const encoding of ['br', 'gzip'] as const) {
    const bytes = kept.in(encoding);
    // A Buffer that is a view of a larger ArrayBuffer (zlib's 16 KiB output) keeps all of it alive.
    assert.equal(bytes.buffer.byteLength, bytes.length, `${encoding}: ${bytes.length} bytes counted, ${bytes.buffer.byteLength} held`);
  }
});

test('an answer dropped before it is compressed adds nothing to the bytes', () => {
  const cache = new AnswerCache();
  const dropped = cache.set('k', 'v1', 'x'.repeat(2000), null);
  const kept = cache.set('k', 'v2', 'y'.repeat(2000), null);
  dropped.in('br');
  assert.deepEqual(cache.usage, { entries: 1, bytes: 2000 });
  kept.in('gzip');
  assert.equal(cache.usage.bytes, kept.size);
});

test('an encoding that passes the bytes bound drops the least recently used answers', () => {
  const text = 'a'.repeat(600);
  const cache = new AnswerCache(10, 1210);
  cache.set('old', 'v', text, null);
  const body = cache.set('new', 'v', text, null);
  assert.deepEqual(cache.usage, { entries: 2, bytes: 1200 });
  const br = body.in('br');
  assert.deepEqual(cache.usage, { entries: 1, bytes: 600 + br.length }, 'the older answer went');
  assert.equal(cache.get('old', 'v', new Date()), undefined);
});

test('an answer asked for by many at once is computed once per version; a failure is not kept', async () => {
  const cache = new AnswerCache();
  let computed = 0;
  const compute = async () => {
    computed += 1;
    await new Promise((resolve) => setImmediate(resolve));
    return `answer ${computed}`;
  };
  const together = await Promise.all(Array.from({ length: 50 }, () => cache.shared('k', 'v1', compute)));
  assert.equal(computed, 1, 'fifty askers, one computation');
  assert.ok(together.every((answer) => answer === 'answer 1'));
  assert.equal(await cache.shared('k', 'v2', compute), 'answer 2', 'another version computes anew');
  await assert.rejects(
    Promise.all([0, 1].map(() => cache.shared('k', 'v3', () => Promise.reject(new Error('database gone'))))),
    /database gone/,
  );
  assert.equal(await cache.shared('k', 'v3', compute), 'answer 3', 'after a failure the next asker computes again');
});
