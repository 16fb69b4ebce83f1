import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const module = fileURLToPath(new URL('./heap-growth.ts', import.meta.url));

/** The largest heap a process reaches while it keeps about 20 MB and drops the rest of what it allocates. */
function peakHeapMb(limited: boolean): number {
  const script = `
    ${limited ? `const { limitHeapGrowth } = await import(${JSON.stringify(module)}); limitHeapGrowth();` : ''}
    const kept = [];
    let peak = 0;
    for (let round = 0; round < 60; round++) {
      for (let i = 0; i < 200000; i++) {
        const o = { i, text: 'x'.repeat(20) + i };
        if (i % 3 === 0) kept.push(o);
      }
      kept.splice(0, kept.length - 200000);
      peak = Math.max(peak, process.memoryUsage().heapTotal);
    }
    process.stdout.write(String(peak / 1048576));`;
  const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  return Number(run.stdout);
}

test('limiting the heap growth at run time takes effect: garbage no longer doubles the heap', () => {
  const unlimited = peakHeapMb(false);
  const limited = peakHeapMb(true);
  assert.ok(limited < unlimited * 0.75, `peak heap ${limited.toFixed(0)} MB limited against ${unlimited.toFixed(0)} MB`);
});
