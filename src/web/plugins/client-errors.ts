import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { translator } from '../i18n/i18n.js';
import { ICON_PATH, STYLESHEET_PATH } from '../public-assets.js';
import { errorBody, type HttpErrorCode, isApiTarget } from './errors.js';
import { requestedLanguage } from './language.js';
import { SECURITY_HEADERS } from './security-headers.js';

/** What Node's HTTP parser hands to `clientError`: the error and, when it got that far, the bytes it read. */
export type ClientError = Error & { code?: string; rawPacket?: unknown };

function refusalOf(error: ClientError): { status: number; code: HttpErrorCode } {
  if (error.code === 'HPE_HEADER_OVERFLOW') return { status: 431, code: 'headers_too_large' };
  if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') return { status: 408, code: 'request_timeout' };
  return { status: 400, code: 'bad_request' };
}

/** The values of a header in the raw bytes of a request's head, joined as Node joins them (`; ` for Cookie). */
function headerIn(text: string, name: string, separator: string): string | undefined {
  const values = [...text.matchAll(new RegExp(`\\r?\\n${name}:([^\\r\\n]*)`, 'gi'))].map((match) => match[1]!.trim());
  return values.length > 0 ? values.join(separator) : undefined;
}

/**
 * The complete HTTP/1.1 response to a request the parser refused (a malformed request line or
 * header, headers too large, broken framing): the security headers, and the body the app would
 * give, `{ code, message }` under /api/ and an error page elsewhere, in the language the request
 * asked for, as far as its bytes tell.
 */
export function clientErrorResponse(error: ClientError): string {
  const { status, code } = refusalOf(error);
  const text = Buffer.isBuffer(error.rawPacket) ? error.rawPacket.toString('latin1') : '';
  const [, method = '', target = ''] = /^([!-~]+) ([!-~]+)/.exec(text) ?? [];
  const requestHead = text.split(/\r?\n\r?\n/)[0]!;
  const lang = requestedLanguage(headerIn(requestHead, 'cookie', '; '), headerIn(requestHead, 'accept-language', ', '));
  const ui = { lang, t: translator(lang), path: '/', stylesheet: STYLESHEET_PATH, icon: ICON_PATH, indexable: false };
  const { type, body } = errorBody(isApiTarget(target), ui, `http.${code}`, code);
  const headers = {
    ...SECURITY_HEADERS,
    'content-type': type,
    'content-length': String(Buffer.byteLength(body)),
    connection: 'close',
  };
  const head = [`HTTP/1.1 ${status} ${STATUS_CODES[status]}`, ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`)];
  return `${head.join('\r\n')}\r\n\r\n${method === 'HEAD' ? '' : body}`;
}

/**
 * Node's `clientError` handler for every server the platform runs: answers the refusal on the
 * socket and closes it. Nothing is written when the peer is gone, or when a response of the app
 * is already under way on this connection (its bytes would be corrupted), as Node itself does.
 */
export function answerClientError(error: ClientError, socket: Duplex): void {
  // Node's own check: the response in flight on the connection, a private field of its HTTP server.
  const inFlight = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
  if (error.code === 'ECONNRESET' || !socket.writable || inFlight?.headersSent) {
    socket.destroy();
    return;
  }
  socket.end(clientErrorResponse(error), () => socket.destroy());
}
