import ipaddr from 'ipaddr.js';

/**
 * What the activity log records: every authentication event and every change made in the back
 * office. Details name what changed, never a secret (no passwords, codes, tokens or addresses
 * beyond a network prefix).
 */
export interface ActivityEntry {
  id: string;
  at: Date;
  actorId: string | null;
  actorEmail: string | null;
  venueId: string | null;
  action: string;
  target: string | null;
  detail: Record<string, string | number | boolean | null>;
  /** The client's network (an IPv4 /24 or IPv6 /48), never the full address. */
  client: string | null;
  /** Who made the change when no staff member did: the organiser, the system or a participant (null on old entries). */
  actorKind: ActorKind | null;
}

/**
 * Who changes things: a staff member, the organiser through a private link, the platform itself, or
 * a participant of the group through the participant link.
 */
export const ACTOR_KINDS = ['staff', 'organiser', 'system', 'participant'] as const;
export type ActorKind = (typeof ACTOR_KINDS)[number];

export function isActorKind(value: unknown): value is ActorKind {
  return (ACTOR_KINDS as readonly unknown[]).includes(value);
}

export interface ActivityActor {
  id: string;
  email: string;
}

export interface NewActivityEntry {
  actor: ActivityActor | null;
  /** Defaults to 'staff' with an actor and null without; the organiser, the system and participants say so. */
  actorKind?: ActorKind;
  venueId: string | null;
  action: string;
  target?: string | null;
  detail?: ActivityEntry['detail'] | undefined;
  client?: string | null;
}

/** An IP address reduced to its network, as the privacy promise allows to keep. */
export function clientNetwork(ip: string | undefined): string | null {
  if (!ip) return null;
  const v4 = /^(?:::ffff:)?(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.\d{1,3}$/i.exec(ip);
  if (v4) return `${v4[1]}.${v4[2]}.${v4[3]}.0/24`;
  if (ip.includes(':')) {
    const [head = ''] = ip.split('::');
    const groups = head.split(':').filter(Boolean).slice(0, 3);
    while (groups.length < 3) groups.push('0');
    return `${groups.join(':')}::/48`;
  }
  return null;
}

/**
 * An IP address as the booking limits count it: one client, IPv4 /32 (IPv4-mapped IPv6 too) or
 * IPv6 /64 (what one subscriber gets), so that clients behind one carrier's network are counted
 * apart. Null when unknown. Counting only, never stored as is (the throttle keeps a hash).
 */
export function clientAddress(ip: string | undefined): string | null {
  if (!ip || !ipaddr.isValid(ip)) return null;
  const address = ipaddr.process(ip);
  if (address.kind() === 'ipv4') return `${address.toString()}/32`;
  return `${ipaddr.IPv6.networkAddressFromCIDR(`${address.toString()}/64`).toString()}/64`;
}
