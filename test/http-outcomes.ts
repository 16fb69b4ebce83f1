import { type Agent, request } from 'node:http';
import { bookingRequest } from './factories.js';

/** What became of one request, as a client sees it. */
export type Outcome =
  /** A whole answer. */
  | { kind: 'answered'; status: number; connection: string | undefined; body: string }
  /** The connection was refused: nothing was sent. */
  | { kind: 'refused' }
  /** The connection failed after the request went, before any answer came. */
  | { kind: 'unanswered'; error: string }
  /** An answer began and was cut off. */
  | { kind: 'cut'; status: number; error: string };

/** POSTs `body` as JSON to `url` through `agent` (false: a connection of its own). */
export function postJson(url: string, body: unknown, agent: Agent | false): Promise<Outcome> {
  const payload = JSON.stringify(body);
  return new Promise((resolve) => {
    const req = request(url, {
      method: 'POST',
      agent,
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) },
    });
    req.on('error', (error: NodeJS.ErrnoException) =>
      resolve(error.code === 'ECONNREFUSED' ? { kind: 'refused' } : { kind: 'unanswered', error: error.code ?? error.message }),
    );
    req.on('response', (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ kind: 'answered', status: res.statusCode!, connection: res.headers.connection, body: text }));
      res.on('error', (error: NodeJS.ErrnoException) =>
        resolve({ kind: 'cut', status: res.statusCode!, error: error.code ?? error.message }),
      );
    });
    req.end(payload);
  });
}

/** Every outcome of a load, and the references its 201s promised. */
export interface LoadRecord {
  outcomes: Outcome[];
  references: string[];
}

/**
 * `workers` clients, each booking one place after another into `slotId` through `send`, until
 * `keepGoing` says no or (with `endOnRefusal`) their connection is refused. `record` fills as
 * the answers come; `done` resolves when every client has stopped.
 */
export function bookContinuously({
  workers,
  slotId,
  send,
  keepGoing,
  endOnRefusal = false,
}: {
  workers: number;
  slotId: string;
  send: (body: unknown) => Promise<Outcome>;
  keepGoing: () => boolean;
  endOnRefusal?: boolean;
}): { record: LoadRecord; done: Promise<void> } {
  const record: LoadRecord = { outcomes: [], references: [] };
  let sent = 0;
  const done = Promise.all(
    Array.from({ length: workers }, async () => {
      while (keepGoing()) {
        const n = sent++;
        const outcome = await send(bookingRequest(slotId, { groupSize: 1, name: `Load ${n}`, email: `load-${n}@example.nl` }));
        record.outcomes.push(outcome);
        if (outcome.kind === 'answered' && outcome.status === 201) {
          record.references.push((JSON.parse(outcome.body) as { reference: string }).reference);
        }
        if (outcome.kind === 'refused' && endOnRefusal) return;
      }
    }),
  ).then(() => {});
  return { record, done };
}

/** How many outcomes of each kind (answers by status), for messages. */
export function tally(outcomes: Outcome[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const outcome of outcomes) {
    const key = outcome.kind === 'answered' ? String(outcome.status) : outcome.kind;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}
