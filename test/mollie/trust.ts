import tls from 'node:tls';

/**
 * Makes this process trust the stand-in's test CA for the stand-in's address only, as adding a CA
 * to a machine's trust store would. Needed because the official Mollie client sends every request
 * through an https agent that carries its own bundled list of public roots (it cannot reach a plain
 * http URL, nor be told of another CA); certificate and host name checks stay on.
 * The e2e server process gets the same from `trust-preload.mjs` (NODE_OPTIONS).
 */
const trusted = new Map<string, string>();
let installed = false;

export function trustStandIn(apiUrl: string, caPem: string): void {
  trusted.set(new URL(apiUrl).host, caPem);
  if (installed) return;
  installed = true;
  const connect = tls.connect;
  tls.connect = function connectTrustingStandIn(this: unknown, ...args: unknown[]) {
    const options = args.find((arg): arg is tls.ConnectionOptions => typeof arg === 'object' && arg !== null);
    const ca = options ? trusted.get(`${options.host ?? 'localhost'}:${options.port ?? 443}`) : undefined;
    if (options && ca) options.ca = ca;
    return (connect as (...rest: unknown[]) => tls.TLSSocket).apply(this, args);
  } as typeof tls.connect;
}
