import { Agent, request } from 'node:http';

/** What one booking request came back with. */
export interface Outcome {
  /** 0 when no response came (a socket error or a timeout; see `error`). */
  status: number;
  /** The body's `code` (a refusal) or undefined. */
  code?: string;
  /** The body's `reference` (a 201) or undefined. */
  reference?: string;
  error?: string;
}

const TIMEOUT_MS = 30_000;

/** Keep-alive connections to the platform processes, `connections` in all, requests spread round-robin. */
export class BookingClient {
  private readonly agents: Agent[];
  private turn = 0;
  constructor(
    private readonly urls: string[],
    connections: number,
  ) {
    this.agents = urls.map(() => new Agent({ keepAlive: true, maxSockets: Math.ceil(connections / urls.length) }));
  }

  post(path: string, body: unknown): Promise<Outcome> {
    const i = this.turn++ % this.urls.length;
    const payload = Buffer.from(JSON.stringify(body));
    return new Promise((resolve) => {
      const req = request(
        `${this.urls[i]}${path}`,
        {
          method: 'POST',
          agent: this.agents[i],
          headers: { 'content-type': 'application/json', 'content-length': payload.length },
          timeout: TIMEOUT_MS,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('error', (error) => resolve({ status: 0, error: (error as NodeJS.ErrnoException).code ?? error.message }));
          res.on('end', () => {
            let parsed: { code?: unknown; reference?: unknown } = {};
            try {
              parsed = JSON.parse(Buffer.concat(chunks).toString('utf8')) as typeof parsed;
            } catch {
              // not JSON: reported by status alone
            }
            resolve({
              status: res.statusCode ?? 0,
              ...(typeof parsed.code === 'string' && { code: parsed.code }),
              ...(typeof parsed.reference === 'string' && { reference: parsed.reference }),
            });
          });
        },
      );
      req.on('timeout', () => req.destroy(Object.assign(new Error('timeout'), { code: 'TIMEOUT' })));
      req.on('error', (error) => resolve({ status: 0, error: (error as NodeJS.ErrnoException).code ?? error.message }));
      req.end(payload);
    });
  }

  close(): void {
    for (const agent of this.agents) agent.destroy();
  }
}
