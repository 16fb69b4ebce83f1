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
  /** Answers this recipient with `451 try again later` each time, until set to undefined. */
  refuseRecipient(address: string | undefined): void;
  close(): Promise<void>;
}

/** Plain SMTP (no STARTTLS), authentication optional, on a free port or the one given. */
export async function startSmtpServer(port = 0): Promise<TestSmtpServer> {
  const messages: ParsedMail[] = [];
  const raw: Buffer[] = [];
  let refusals = 0;
  let refused: string | undefined;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    // The platform keeps its connections open for the next mails (a pool): a close ends them at
    // once rather than after smtp-server's default 30 seconds.
    closeTimeout: 50,
    onRcptTo(address, _session, callback) {
      if (refusals === 0 && address.address !== refused) return callback();
      if (address.address !== refused) refusals -= 1;
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
    refuseRecipient: (address) => {
      refused = address;
    },
    close: () => new Promise<void>((resolve) => server.close(resolve)),
  };
}
