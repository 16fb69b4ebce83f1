import { spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { type ClientHttp2Session, connect as connectHttp2 } from 'node:http2';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { connect as connectTls } from 'node:tls';

/** Clients that reach the test server on 127.0.0.1:`port` as `host` (SNI), trusting `ca`. */
export interface Target {
  port: number;
  host: string;
  ca: string;
  /** The Host header (HTTP/2: :authority) of the public URL; default `host:port`. */
  authority?: string;
}

export interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  /** The HTTP version the connection negotiated (ALPN). */
  httpVersion: string;
}

const authority = (target: Target) => target.authority ?? `${target.host}:${target.port}`;

/** One HTTP/1.1 request over its own TLS connection (only http/1.1 offered in ALPN). */
export function https1(target: Target, path: string, hostHeader = authority(target)): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpsRequest(
      { host: '127.0.0.1', port: target.port, path, servername: target.host, ca: target.ca, agent: false, headers: { host: hostHeader } },
      (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body, httpVersion: res.httpVersion }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

/** An HTTP/2 session and the serial of the certificate its TLS connection was served. */
export interface Http2Connection {
  session: ClientHttp2Session;
  serial: string;
}

/** An HTTP/2 session on a new TLS connection (h2 via ALPN). */
export async function http2Session(target: Target): Promise<Http2Connection> {
  const socket = connectTls({ host: '127.0.0.1', port: target.port, servername: target.host, ca: target.ca, ALPNProtocols: ['h2'] });
  const session = connectHttp2(`https://${authority(target)}`, { createConnection: () => socket });
  session.on('error', () => {});
  await once(session, 'connect');
  // Read now: the session takes over the socket's TLS handle. (TLS 1.3 never changes it later.)
  return { session, serial: socket.getPeerX509Certificate()!.serialNumber };
}

/** A GET on an HTTP/2 session, by default for the target's own authority. */
export function http2Get(session: ClientHttp2Session, path: string, authorityHeader?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const stream = session.request({ ':path': path, ...(authorityHeader ? { ':authority': authorityHeader } : {}) });
    let headers: Answer['headers'] = {};
    let body = '';
    stream.on('response', (h) => (headers = h as Answer['headers']));
    stream.on('data', (chunk: Buffer) => (body += chunk.toString()));
    stream.on('end', () => resolve({ status: Number(headers[':status']), headers, body, httpVersion: '2.0' }));
    stream.on('error', reject);
    stream.end();
  });
}

/** The serial number of the certificate a new TLS connection is served. */
export async function servedSerial(target: Target): Promise<string> {
  const socket = connectTls({ host: '127.0.0.1', port: target.port, servername: target.host, ca: target.ca });
  await once(socket, 'secureConnect');
  const serial = socket.getPeerX509Certificate()!.serialNumber;
  socket.end();
  return serial;
}

/** A plain HTTP request (the port-80 server), with the given Host. */
export function http1(port: number, path: string, host: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, agent: false, headers: { host } }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body, httpVersion: res.httpVersion }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** `openssl s_client` with protocol flags (-tls1_3, -tls1_2, ...): its exit code and all it printed. */
export function opensslClient(target: Target, caFile: string, flags: string[]): { status: number | null; output: string } {
  const result = spawnSync(
    'openssl',
    ['s_client', '-connect', `127.0.0.1:${target.port}`, '-servername', target.host, '-CAfile', caFile, '-verify_return_error', ...flags],
    { input: '', encoding: 'utf8', timeout: 20_000 },
  );
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}
