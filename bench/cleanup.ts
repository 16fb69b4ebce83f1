/**
 * What the run must undo (server processes, temp dirs, the PostgreSQL database), undone in reverse
 * order at the end, on failure and on Ctrl-C.
 */
const steps: { name: string; undo: () => void | Promise<void> }[] = [];
let running: Promise<void> | undefined;

/** Registers an undo step; returns a function that runs it early (and unregisters it). */
export function onCleanup(name: string, undo: () => void | Promise<void>): () => Promise<void> {
  const step = { name, undo };
  steps.push(step);
  return async () => {
    const index = steps.indexOf(step);
    if (index < 0) return;
    steps.splice(index, 1);
    await undo();
  };
}

/** Runs every registered step once, newest first; a failing step is reported and the rest still run. */
export function cleanUp(): Promise<void> {
  running ??= (async () => {
    while (steps.length > 0) {
      const step = steps.pop()!;
      try {
        await step.undo();
      } catch (error) {
        process.stderr.write(`bench: cleanup '${step.name}' failed: ${error instanceof Error ? error.message : String(error)}\n`);
      }
    }
  })();
  return running;
}

/** On Ctrl-C or SIGTERM: clean up, then exit as interrupted. */
export function cleanUpOnSignals(): void {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      process.stderr.write(`\nbench: ${signal}, cleaning up\n`);
      void cleanUp().finally(() => process.exit(130));
    });
  }
}
