/** A mail ready to go out. */
export interface OutgoingMail {
  /** The outbox row's id: it makes the Message-ID, so a resent copy is recognisably the same mail. */
  id: string;
  from: string;
  to: string;
  /** Where replies go (the venue's contact address on organisers' mails); absent: to the sender. */
  replyTo?: string;
  subject: string;
  text: string;
  html: string;
  date: Date;
  /** A calendar file as text; invoices as PDF and UBL bytes. */
  attachments: { filename: string; content: string | Buffer; contentType: string }[];
}

/** Where mails go: an SMTP server (src/adapters/smtp/) or the data dir's mail drop (src/adapters/mail-drop/). */
export interface MailSender {
  /** Where mails go, for the log: `smtp://host:port` (never the credentials) or the folder. */
  readonly target: string;
  /** Resolves once the mail is accepted (by the SMTP server, or written to disk); rejects otherwise. */
  send(mail: OutgoingMail): Promise<void>;
}

/**
 * The sender could not reach the relay, or the relay did not answer in time (refused, timed out,
 * cut off): no mail goes out now, so the outbox job leaves the rest for its next run. `code` is
 * the client's (e.g. ETIMEDOUT), kept for the outbox's last error.
 */
export class RelayUnavailable extends Error {
  override readonly name = 'RelayUnavailable';
  constructor(
    readonly code: string,
    options?: ErrorOptions,
  ) {
    super(`mail relay unavailable (${code})`, options);
  }
}
