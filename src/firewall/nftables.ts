import { BlockList, isIPv4, isIPv6 } from 'node:net';

/** The SSH allowlist, split by family, each entry an address or a prefix (`203.0.113.0/24`). */
export interface SshAllowlist {
  v4: string[];
  v6: string[];
}

/** A bad allowlist entry, named so the operator can fix it. */
export class AllowlistError extends Error {}

function prefixOk(bits: string, max: number): boolean {
  return /^\d{1,3}$/.test(bits) && Number(bits) <= max;
}

/**
 * Reads `ADDR[,ADDR...]`: IPv4 and IPv6 addresses or prefixes. Refuses anything else, and refuses
 * a prefix that would let the whole internet in (shorter than /8 or /16 for IPv6: a typo, not a
 * "small number of addresses").
 */
export function parseSshAllowlist(text: string): SshAllowlist {
  const entries = text
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (entries.length === 0) throw new AllowlistError('give at least one address that may use SSH');
  const list: SshAllowlist = { v4: [], v6: [] };
  for (const given of entries) {
    // An IPv4 address written IPv4-mapped is an IPv4 address: the IPv6 set would never see it.
    const entry = given.replace(/^::ffff:(\d+\.\d+\.\d+\.\d+(?:\/\d+)?)$/i, '$1');
    const [address = '', bits, extra] = entry.split('/');
    if (address.includes('%')) throw new AllowlistError(`a zone (%interface) has no place in a firewall rule: ${given}`);
    if (extra !== undefined) throw new AllowlistError(`not an address or prefix: ${entry}`);
    if (isIPv4(address) && (bits === undefined || prefixOk(bits, 32))) {
      if (bits !== undefined && Number(bits) < 8) throw new AllowlistError(`prefix too wide for an SSH allowlist: ${entry}`);
      list.v4.push(entry);
    } else if (isIPv6(address) && (bits === undefined || prefixOk(bits, 128))) {
      if (bits !== undefined && Number(bits) < 16) throw new AllowlistError(`prefix too wide for an SSH allowlist: ${entry}`);
      list.v6.push(entry.toLowerCase());
    } else {
      throw new AllowlistError(`not an address or prefix: ${entry}`);
    }
  }
  return { v4: [...new Set(list.v4)], v6: [...new Set(list.v6)] };
}

/** Whether `address` (as the SSH client sees itself, e.g. from SSH_CONNECTION) is in the allowlist. */
export function allowlistIncludes(list: SshAllowlist, address: string): boolean {
  const blocks = new BlockList();
  for (const entry of [...list.v4, ...list.v6]) {
    const [net, bits] = entry.split('/');
    const family = isIPv4(net!) ? 'ipv4' : 'ipv6';
    if (bits === undefined) blocks.addAddress(net!, family);
    else blocks.addSubnet(net!, Number(bits), family);
  }
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  const plain = mapped ?? address;
  if (isIPv4(plain)) return blocks.check(plain, 'ipv4');
  return isIPv6(plain) && blocks.check(plain, 'ipv6');
}

function set(name: string, type: string, elements: string[]): string[] {
  return [
    `  set ${name} {`,
    `    type ${type}`,
    '    flags interval',
    // Overlapping entries (an address inside a listed prefix) are merged instead of refused.
    '    auto-merge',
    ...(elements.length > 0 ? [`    elements = { ${elements.join(', ')} }`] : []),
    '  }',
  ];
}

/**
 * Open connections to 80 and 443 one source address may hold: far more than browsers behind one
 * NAT use (six HTTP/1.1 connections or one HTTP/2 connection each), few enough that one address
 * cannot hold all the server's sockets open (slowloris).
 */
export const MAX_CONNECTIONS_PER_SOURCE = 256;

/**
 * Sources the firewall tracks at once (per family), each while it holds an open connection to 80
 * or 443. When that many hold connections, a new source is dropped rather than let through
 * uncounted (see `renderNftables`).
 */
export const TRACKED_SOURCES = 262_144;

/** An IPv6 source counts by its /64: one subscriber's network, not each of its 2^64 addresses. */
const V6_SOURCE = 'ip6 saddr and ffff:ffff:ffff:ffff::';

/** A set the kernel fills as connections come: one element per source, counting its connections. */
function connectionCounts(name: string, type: string, size: number): string[] {
  return [`  set ${name} {`, `    type ${type}`, `    size ${size}`, '    flags dynamic', '  }'];
}

/**
 * The host firewall as one nftables table, `inet groupz`, replaced as a whole each time it is
 * loaded (other tables are left alone). Incoming: loopback, replies to connections the server
 * made, the ICMP and ICMPv6 messages IPv4 and IPv6 need, TCP 80 and 443 from anywhere up to
 * `maxConnections` open connections per source (an IPv4 address, an IPv6 /64; a new one beyond is
 * reset), TCP 22 only from the allowlist; everything else is dropped. Nothing is forwarded. While
 * `trackedSources` sources hold connections, the set is full: a new source cannot be counted and
 * its new connections are dropped (fail closed) until tracked sources close theirs.
 */
export function renderNftables(list: SshAllowlist, maxConnections = MAX_CONNECTIONS_PER_SOURCE, trackedSources = TRACKED_SOURCES): string {
  if (!Number.isSafeInteger(maxConnections) || maxConnections < 1) throw new RangeError(`not a connection limit: ${maxConnections}`);
  if (!Number.isSafeInteger(trackedSources) || trackedSources < 1) throw new RangeError(`not a number of sources: ${trackedSources}`);
  return [
    '#!/usr/sbin/nft -f',
    '# Groupz host firewall, written by `groupz deploy nftables`. Load with `nft -f FILE`.',
    '# Replaces only the table inet groupz; re-run the command to change the SSH allowlist.',
    'table inet groupz',
    'delete table inet groupz',
    '',
    'table inet groupz {',
    ...set('ssh_allow_v4', 'ipv4_addr', list.v4),
    '',
    ...set('ssh_allow_v6', 'ipv6_addr', list.v6),
    '',
    ...connectionCounts('web_connections_v4', 'ipv4_addr', trackedSources),
    '',
    ...connectionCounts('web_connections_v6', 'ipv6_addr', trackedSources),
    '',
    '  chain input {',
    '    type filter hook input priority filter; policy drop;',
    '    iif "lo" accept',
    '    ct state established,related accept',
    '    ct state invalid drop',
    '    # IPv4: errors that path MTU discovery and failing connections rely on; ping, limited.',
    '    ip protocol icmp icmp type { destination-unreachable, time-exceeded, parameter-problem } accept',
    '    ip protocol icmp icmp type echo-request limit rate 10/second accept',
    '    # IPv6 does not work without neighbour discovery, router adverts and packet-too-big.',
    '    meta l4proto ipv6-icmp icmpv6 type { destination-unreachable, packet-too-big, time-exceeded, parameter-problem } accept',
    '    meta l4proto ipv6-icmp icmpv6 type { nd-router-advert, nd-neighbor-solicit, nd-neighbor-advert } ip6 hoplimit 255 accept',
    '    meta l4proto ipv6-icmp icmpv6 type mld-listener-query ip6 saddr fe80::/10 accept',
    '    meta l4proto ipv6-icmp icmpv6 type echo-request limit rate 10/second accept',
    `    # At most ${maxConnections} open connections to the web ports per IPv4 address or IPv6 /64; a new one beyond is reset.`,
    `    tcp dport { 80, 443 } ct state new add @web_connections_v4 { ip saddr ct count over ${maxConnections} } reject with tcp reset`,
    `    tcp dport { 80, 443 } ct state new add @web_connections_v6 { ${V6_SOURCE} ct count over ${maxConnections} } reject with tcp reset`,
    '    # A source the full set could not take is not counted: drop its new connection rather than accept it.',
    '    tcp dport { 80, 443 } ct state new ip saddr != @web_connections_v4 drop',
    `    tcp dport { 80, 443 } ct state new ${V6_SOURCE} != @web_connections_v6 drop`,
    '    tcp dport { 80, 443 } accept',
    '    ip saddr @ssh_allow_v4 tcp dport 22 accept',
    '    ip6 saddr @ssh_allow_v6 tcp dport 22 accept',
    '  }',
    '',
    '  chain forward {',
    '    type filter hook forward priority filter; policy drop;',
    '  }',
    '}',
    '',
  ].join('\n');
}
