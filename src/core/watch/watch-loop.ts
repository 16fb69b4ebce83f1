/**
 * Runs `look` at once and then every `seconds`, never two at once (a look still under way skips
 * the next tick). The timer does not keep the process alive. Returns the function that stops it,
 * whose promise resolves once the look under way (if any) has ended: the database it uses can
 * then close.
 */
export function startWatchLoop(seconds: number, look: () => Promise<unknown>, onError: (error: unknown) => void): () => Promise<void> {
  let running: Promise<void> | undefined;
  const tick = () => {
    if (running) return;
    running = look()
      .then(() => {}, onError)
      .finally(() => (running = undefined));
  };
  tick();
  const timer = setInterval(tick, seconds * 1000);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
