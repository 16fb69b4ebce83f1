import { parseArgs } from 'node:util';
import { AllowlistError, MAX_CONNECTIONS_PER_SOURCE, parseSshAllowlist, renderNftables } from '../firewall/nftables.js';
import type { Command } from './command.js';

const usage = `Usage: groupz deploy nftables --ssh-allow ADDR[,ADDR...] [--max-connections N]

Prints the host firewall as an nftables ruleset (one table, inet groupz): incoming traffic is
dropped except loopback, replies to the server's own connections, the ICMP and ICMPv6 messages
IPv4 and IPv6 need, TCP 80 and 443 from anywhere (at most N open connections per source
address), and TCP 22 from the addresses given (IPv4 or IPv6 addresses, or prefixes such as
203.0.113.0/24). Nothing is forwarded. Load it with \`nft -f FILE\`; deploy/provision.sh
installs it as /etc/nftables.conf.

  --ssh-allow ADDR[,ADDR...]  who may connect to SSH (repeatable)
  --max-connections N         open connections to 80 and 443 one address may hold (default ${MAX_CONNECTIONS_PER_SOURCE})`;

export const deployNftablesCommand: Command = {
  summary: 'print the firewall ruleset (80/443 open, SSH from an allowlist)',
  usage,
  takesArguments: true,
  async run(args) {
    try {
      const options = { 'ssh-allow': { type: 'string', multiple: true }, 'max-connections': { type: 'string' } } as const;
      const { values } = parseArgs({ args, options, strict: true });
      const limit = values['max-connections'] ?? String(MAX_CONNECTIONS_PER_SOURCE);
      if (!/^[1-9]\d{0,5}$/.test(limit)) throw new RangeError(`--max-connections takes a whole number from 1 to 999999: ${limit}`);
      process.stdout.write(renderNftables(parseSshAllowlist((values['ssh-allow'] ?? []).join(',')), Number(limit)));
      return 0;
    } catch (error) {
      if (!(error instanceof AllowlistError) && !(error instanceof TypeError) && !(error instanceof RangeError)) throw error;
      process.stderr.write(`groupz deploy nftables: ${error.message}\n\n${usage}\n`);
      return 2;
    }
  },
};
