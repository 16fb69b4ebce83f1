import { connect, type Socket } from 'node:net';
import type SMTPPool from 'nodemailer/lib/smtp-pool/index.js';

/** nodemailer's code for each way a connection fails here, as it reports them itself. */
function codeOf(error: NodeJS.ErrnoException): string {
  return error.code === 'ENOTFOUND' || error.code === 'EAI_AGAIN' ? 'EDNS' : 'ESOCKET';
}

/**
 * Opens each of the pool's connections with Nagle's algorithm off (nodemailer's `getSocket` hook;
 * nodemailer has no option for it). nodemailer writes a message's end as a small packet of its
 * own, which Nagle holds back until the relay acknowledges the packet before, and relays delay that
 * acknowledgement (40 ms on Linux): a wait on every mail. nodemailer takes the connected socket
 * over as its own (TLS from the start, or STARTTLS, as without the hook); a failure to connect
 * fails the mail with the code nodemailer would give it.
 */
export function connectWithoutDelay(
  options: SMTPPool.Options,
  callback: (error: Error | null, socket: { connection: Socket } | false) => void,
): void {
  const socket = connect({
    // As nodemailer picks them (smtp-connection): a URL without a port means 587, or 465 for smtps.
    host: options.host || 'localhost',
    port: Number(options.port) || (options.secure ? 465 : 587),
    noDelay: true,
    timeout: options.connectionTimeout,
  });
  let settled = false;
  const settle = (error: Error | undefined) => {
    if (settled) return;
    settled = true;
    socket.setTimeout(0);
    if (!error) return callback(null, { connection: socket });
    socket.destroy();
    callback(error, false);
  };
  socket.once('connect', () => settle(undefined));
  socket.once('timeout', () => settle(Object.assign(new Error('Connection timeout'), { code: 'ETIMEDOUT' })));
  socket.on('error', (error: NodeJS.ErrnoException) => settle(Object.assign(error, { code: codeOf(error) })));
}
