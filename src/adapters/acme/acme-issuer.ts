import { Agent } from 'node:https';
import { rootCertificates } from 'node:tls';
import { axios as acmeHttp, Client, crypto as acmeCrypto, setLogger } from 'acme-client';
import type { BaseLogger } from 'pino';

export interface AcmeIssuerOptions {
  directoryUrl: string;
  email: string;
  /** An extra CA (PEM) for the ACME server's own HTTPS (a test CA); the system's CAs stay trusted. */
  ca: string | undefined;
  /** The account's key (PEM), asked for at each issuance. */
  accountKey: () => Promise<string>;
  /** Filled while a challenge is open; the port-80 server answers from it. */
  challenges: Map<string, string>;
  log: BaseLogger;
}

/**
 * Issuance by an ACME CA (RFC 8555) with acme-client, the HTTP-01 challenge answered by the
 * port-80 server. The client's own pre-check of the challenge URL is skipped: the CA's validation
 * is the one that counts, and a server often cannot reach its own public address. The issuer
 * takes a host and its key (PEM) and gives the certificate chain (PEM), the shape the server's
 * `Issuer` asks for; like every adapter, it imports nothing of the server that uses it.
 */
export function acmeIssuer({
  directoryUrl,
  email,
  ca,
  accountKey,
  challenges,
  log,
}: AcmeIssuerOptions): (host: string, key: string) => Promise<string> {
  if (ca !== undefined) acmeHttp.defaults.httpsAgent = new Agent({ ca: [...rootCertificates, ca] });
  acmeHttp.defaults.timeout = 30_000;
  setLogger((message) => log.debug({ acme: message }, 'acme'));
  return async (host, key) => {
    const client = new Client({ directoryUrl, accountKey: await accountKey() });
    const [, csr] = await acmeCrypto.createCsr({ commonName: host, altNames: [host] }, key);
    return client.auto({
      csr,
      email,
      termsOfServiceAgreed: true,
      challengePriority: ['http-01'],
      skipChallengeVerification: true,
      challengeCreateFn: async (_authz, challenge, keyAuthorization) => {
        challenges.set(challenge.token, keyAuthorization);
      },
      challengeRemoveFn: async (_authz, challenge) => {
        challenges.delete(challenge.token);
      },
    });
  };
}
