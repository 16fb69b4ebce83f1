import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { join } from 'node:path';
import { issueTestCertificate, type TestCa } from './certificates.js';
import { freePort } from './server-process.js';

export const INSTALL_PEBBLE = 'apt-get install -y pebble';

export interface Pebble {
  /** The ACME directory; its HTTPS certificate chains to the test CA (GROUPZ_ACME_CA_FILE). */
  directoryUrl: string;
  /** Pebble's root and intermediate of this run (regenerated at every start), PEM. */
  root(): Promise<string>;
  intermediate(): Promise<string>;
  /** What Pebble logged, for failure messages. */
  output(): string;
  stop(): Promise<void>;
}

function get(url: string, ca: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    request(url, { ca, agent: false }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode!, body }));
    })
      .on('error', reject)
      .end();
  });
}

function spawnLogged(command: string, args: string[], env: NodeJS.ProcessEnv = process.env) {
  const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return { child, output: () => output };
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  await once(child, 'exit');
}

/**
 * Pebble (Let's Encrypt's test CA) on loopback, with its own config: its ACME listener uses a
 * certificate of the test CA; HTTP-01 validation connects to `httpPort` of the name's address,
 * which pebble-challtestsrv's mock DNS answers with 127.0.0.1 for every name (A only). No sleeps
 * in validation (PEBBLE_VA_NOSLEEP), real validation (PEBBLE_VA_ALWAYS_VALID=0), certificates
 * valid for `validitySeconds`.
 */
export async function startPebble({
  ca,
  httpPort,
  validitySeconds,
}: {
  ca: TestCa;
  httpPort: number;
  validitySeconds: number;
}): Promise<Pebble> {
  const listener = issueTestCertificate(ca, { names: ['localhost', '127.0.0.1'], name: 'pebble' });
  const [acmePort, managementPort, dnsPort, dnsManagementPort, tlsPort] = await Promise.all(Array.from({ length: 5 }, () => freePort()));
  const config = join(ca.dir, 'pebble-config.json');
  writeFileSync(
    config,
    JSON.stringify({
      pebble: {
        listenAddress: `127.0.0.1:${acmePort}`,
        managementListenAddress: `127.0.0.1:${managementPort}`,
        certificate: listener.cert.file,
        privateKey: listener.key.file,
        httpPort,
        tlsPort,
        ocspResponderURL: '',
        externalAccountBindingRequired: false,
        certificateValidityPeriod: validitySeconds,
      },
    }),
  );
  const dns = spawnLogged('pebble-challtestsrv', [
    ...['-dns01', `127.0.0.1:${dnsPort}`, '-defaultIPv4', '127.0.0.1', '-defaultIPv6', ''],
    ...['-http01', '', '-https01', '', '-tlsalpn01', '', '-management', `127.0.0.1:${dnsManagementPort}`],
  ]);
  const pebble = spawnLogged('pebble', ['-config', config, '-dnsserver', `127.0.0.1:${dnsPort}`], {
    ...process.env,
    PEBBLE_VA_NOSLEEP: '1',
    PEBBLE_VA_ALWAYS_VALID: '0',
  });
  const output = () => `${pebble.output()}\n${dns.output()}`;
  const directoryUrl = `https://127.0.0.1:${acmePort}/dir`;
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (pebble.child.exitCode !== null || dns.child.exitCode !== null) {
      await Promise.all([stop(pebble.child), stop(dns.child)]);
      throw new Error(`pebble did not start: ${output()}`);
    }
    try {
      if ((await get(directoryUrl, ca.cert.pem)).status === 200 && dns.output().includes('Starting challenge servers')) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await Promise.all([stop(pebble.child), stop(dns.child)]);
      throw new Error(`pebble did not start in 20 s: ${output()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const management = async (path: string) => (await get(`https://127.0.0.1:${managementPort}${path}`, ca.cert.pem)).body;
  return {
    directoryUrl,
    root: () => management('/roots/0'),
    intermediate: () => management('/intermediates/0'),
    output,
    stop: async () => {
      await Promise.all([stop(pebble.child), stop(dns.child)]);
    },
  };
}
