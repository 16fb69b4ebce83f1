import type { Activity } from '../src/core/catalog/activity.js';
import type { Role } from '../src/core/staff/staff.js';
import type { TestApp } from './app.js';
import { makeActivity } from './factories.js';
import { type Member, signInMember } from './staff.js';

/** The back-office tests' two venues, an activity each: "home", whose members the tests mostly act as, and "away". */
export interface TwoVenues {
  home: Activity;
  away: Activity;
}

export async function makeTwoVenues(t: TestApp): Promise<TwoVenues> {
  const { db } = t.database;
  return {
    home: await makeActivity(db, t.clock, { title: { nl: 'Kanoën', en: 'Canoeing' } }),
    away: await makeActivity(db, t.clock, { title: { nl: 'Museumtour', en: 'Museum tour' } }),
  };
}

type MemberName = 'manager' | 'staff' | 'viewer' | 'otherManager' | 'admin';

/** Who the back-office tests act as: a manager, staff and a viewer of the home venue, the away venue's manager, a platform admin. */
const MEMBERS: Record<MemberName, { role: Role; venue?: keyof TwoVenues }> = {
  manager: { role: 'manager', venue: 'home' },
  staff: { role: 'staff', venue: 'home' },
  viewer: { role: 'viewer', venue: 'home' },
  otherManager: { role: 'manager', venue: 'away' },
  admin: { role: 'admin' },
};

/** These members (all of them if none are named), each set up and signed in, one after the other in the order named. */
export async function signInMembers<Name extends MemberName = MemberName>(
  t: TestApp,
  venues: TwoVenues,
  names: readonly Name[] = Object.keys(MEMBERS) as Name[],
): Promise<Record<Name, Member>> {
  const members = {} as Record<Name, Member>;
  for (const name of names) {
    const { role, venue } = MEMBERS[name];
    members[name] = await signInMember(t, role, venue && venues[venue].venue);
  }
  return members;
}
