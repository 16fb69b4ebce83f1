/**
 * Runs `look` at once and then every `seconds`, never two at once (a look still under way skips
 * the next tick). The timer does not keep the process alive. Returns the function that stops it.
 */
export function startWatchLoop(seconds: number, look: () => Promise<unknown>, onError: (error: unknown) => void): () => void {
  let running = false;
  const tick = () => {
    if (running) return;
    running = true;
    look()
      .catch(onError)
      .finally(() => (running = false));
  };
  tick();
  const timer = setInterval(tick, seconds * 1000);
  timer.unref();
  return () => clearInterval(timer);
}
