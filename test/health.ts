import assert from 'node:assert/strict';

/** /healthz's status and body. */
export async function health(url: string): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${url}/healthz`);
  return { status: res.status, body: await res.json() };
}

/** Asks /healthz every half second until it answers `status`; fails after `seconds`. */
export async function healthBecomes(url: string, status: number, seconds: number): Promise<void> {
  const deadline = Date.now() + seconds * 1000;
  for (let last = await health(url); last.status !== status; last = await health(url)) {
    if (Date.now() > deadline) assert.fail(`/healthz still ${last.status} ${JSON.stringify(last.body)} after ${seconds} s`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
