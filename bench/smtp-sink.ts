import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { onCleanup } from './cleanup.js';

/** A message as the server accepted it: its envelope and its bytes. */
export interface ReceivedMail {
  from: string;
  to: string[];
  raw: Buffer;
}

/** A real SMTP server on loopback that keeps every message it accepts and counts them by Message-ID. */
export interface SmtpSink {
  /** smtp://127.0.0.1:<port> */
  url: string;
  /** The messages accepted since the last `reset`, in order. */
  received: ReceivedMail[];
  /** How often each Message-ID arrived since the last `reset`. */
  messageIds: Map<string, number>;
  /** Forgets what arrived so far. */
  reset(): void;
  /** Closes the server, ending the connections left open. */
  close(): Promise<void>;
}

/** The Message-ID header's value, from the header section alone (the body is never parsed). */
export function messageIdOf(raw: Buffer): string | undefined {
  const end = raw.indexOf('\r\n\r\n');
  const header = raw.subarray(0, end < 0 ? raw.length : end).toString('latin1');
  return /^message-id:\s*(<[^>\r\n]*>)/im.exec(header)?.[1];
}

/**
 * Plain SMTP (no STARTTLS), no authentication, no reverse lookups of the client; it answers each
 * message once it has it all, and only counts it (no parsing), so that it costs as little as an
 * SMTP server can. Closed by `close`, or else by the cleanup.
 */
export async function startSmtpSink(): Promise<SmtpSink> {
  let received: ReceivedMail[] = [];
  let messageIds = new Map<string, number>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    disableReverseLookup: true,
    logger: false,
    // The senders keep their pools' connections open: a close ends them at once.
    closeTimeout: 50,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks);
        const { mailFrom, rcptTo } = session.envelope;
        received.push({ from: mailFrom ? mailFrom.address : '', to: rcptTo.map((r) => r.address), raw });
        const id = messageIdOf(raw) ?? '';
        messageIds.set(id, (messageIds.get(id) ?? 0) + 1);
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const close = onCleanup('close the SMTP server', () => new Promise<void>((resolve) => server.close(resolve)));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    get received() {
      return received;
    },
    get messageIds() {
      return messageIds;
    },
    reset() {
      received = [];
      messageIds = new Map();
    },
    close,
  };
}
