import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** A real SMTP server on loopback that keeps what it receives, parsed, and can refuse on command. */
export interface TestSmtpServer {
  /** smtp://127.0.0.1:<port>, for GROUPZ_SMTP_URL. */
  url: string;
  /** Every message accepted, in order. */
  messages: ParsedMail[];
  /** The same messages as received, byte for byte (to verify a signature over them). */
  raw: Buffer[];
  /** Answers the next `count` recipients with `451 try again later`. */
  refuseNext(count: number): void;
  close(): Promise<void>;
}

/** Plain SMTP (no STARTTLS), authentication optional, on a free port or the one given. */
export async function startSmtpServer(port = 0): Promise<TestSmtpServer> {
  const messages: ParsedMail[] = [];
  const raw: Buffer[] = [];
  let refusals = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(_address, _session, callback) {
      if (refusals === 0) return callback();
      refusals -= 1;
      callback(Object.assign(new Error('Try again later'), { responseCode: 451 }));
    },
    onData(stream, _session, callback) {
      // The message is kept before the server answers, so a send that resolved has arrived.
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const bytes = Buffer.concat(chunks);
        simpleParser(bytes).then(
          (parsed) => {
            messages.push(parsed);
            raw.push(bytes);
            callback();
          },
          (error: Error) => callback(error),
        );
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const listening = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${listening.port}`,
    messages,
    raw,
    refuseNext: (count) => {
      refusals = count;
    },
    close: () => new Promise<void>((resolve) => server.close(resolve)),
  };
}
