/**
 * How long after the first SIGINT or SIGTERM another one is the same request, not an operator's
 * "stop now" (docs/operations.md, Stopping). A terminal's Ctrl-C under `npm start` signals node
 * and npm, which sends node its own copy a few milliseconds later (a tryout saw node end some
 * 15 ms after its "stopping" line); a service manager may signal the whole group likewise. A
 * second is far above such a copy's delay on a loaded machine, and below what an operator who
 * means the second Ctrl-C waits.
 */
export const REPEATED_SIGNAL_MS = 1_000;

const SIGNALS = ['SIGINT', 'SIGTERM'] as const;

export interface StopSignals {
  /** The signal that asked for the stop, if one came. */
  requested(): NodeJS.Signals | undefined;
  /** Calls `stop` for the signal that came or for the first to come. */
  onStop(stop: (signal: NodeJS.Signals) => void): void;
}

/**
 * Listens for SIGINT and SIGTERM from now on. The first asks for the stop; those that follow within
 * REPEATED_SIGNAL_MS are ignored; one after that finds no listener: Node's default, the end at once.
 */
export function listenForStopSignals(): StopSignals {
  let requested: NodeJS.Signals | undefined;
  let stop: ((signal: NodeJS.Signals) => void) | undefined;
  const repeated = () => {};
  const first = (signal: NodeJS.Signals) => {
    for (const name of SIGNALS) {
      process.off(name, first);
      process.on(name, repeated);
    }
    setTimeout(() => SIGNALS.forEach((name) => process.off(name, repeated)), REPEATED_SIGNAL_MS).unref();
    requested = signal;
    stop?.(signal);
  };
  for (const name of SIGNALS) process.on(name, first);
  return {
    requested: () => requested,
    onStop(handler) {
      stop = handler;
      if (requested) handler(requested);
    },
  };
}
