import { createHmac, randomBytes } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import type { Venue } from '../src/core/catalog/activity.js';
import { addStaff, confirmTotpEnrolment, findSetupAccount, pendingTotpSecret, setSetupPassword } from '../src/core/staff/staff.service.js';
import type { Clock } from '../src/core/shared/clock.js';
import type { Db } from '../src/db/schema.js';
import type { Role, StaffMember } from '../src/core/staff/staff.js';
import { SESSION_COOKIE } from '../src/web/admin/session-cookie.js';
import type { TestApp } from './app.js';
import { parseHtml, urlencoded } from './html.js';

/**
 * RFC 6238 computed here, independently of the app's TOTP code (checked against the RFC's own
 * test vectors in staff-auth.test.ts): HMAC-SHA-1 of the 30-second step, dynamic truncation.
 */
export function rfc6238(secret: Buffer, unixSeconds: number, digits = 6, period = 30): string {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(unixSeconds / period)));
  const mac = createHmac('sha1', secret).update(counter).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  const value = (mac.readUInt32BE(offset) & 0x7fffffff) % 10 ** digits;
  return value.toString().padStart(digits, '0');
}

/** RFC 4648 base32, as authenticator apps read the secret. */
export function base32Decode(text: string): Buffer {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const char of text.replace(/[\s=]/g, '').toUpperCase()) bits += alphabet.indexOf(char).toString(2).padStart(5, '0');
  return Buffer.from((bits.match(/.{8}/g) ?? []).map((byte) => parseInt(byte, 2)));
}

/** The code an authenticator app shows for this secret at the test clock's time. */
export function codeAt(t: TestApp, secret: string, offsetSteps = 0): string {
  return rfc6238(base32Decode(secret), Math.floor(t.clock.now().getTime() / 1000) + offsetSteps * 30);
}

export function sessionCookieOf(response: LightMyRequestResponse): string | undefined {
  return response.cookies.find((c) => c.name === SESSION_COOKIE)?.value;
}

export interface TestAccount {
  member: StaffMember;
  email: string;
  password: string;
  secret: string;
  recoveryCodes: string[];
}

export function postForm(t: TestApp, url: string, fields: Record<string, string>, cookie?: string, language?: 'nl' | 'en') {
  return t.app.inject({
    method: 'POST',
    url,
    headers: {
      origin: t.publicUrl,
      'content-type': 'application/x-www-form-urlencoded',
      ...(cookie ? { cookie: `${SESSION_COOKIE}=${cookie}` } : {}),
      ...(language ? { 'accept-language': language } : {}),
    },
    payload: urlencoded(fields),
  });
}

let counter = 0;

/** An account set up the way a person does it: created (as by `groupz staff add`), then the setup link over HTTP. */
export async function setUpAccount(
  t: TestApp,
  { role = 'manager', venue, email }: { role?: Role; venue?: string; email?: string } = {},
): Promise<TestAccount> {
  const address = email ?? `person${(counter += 1)}@venue.test`;
  const { member, setupToken } = await addStaff(t.database.db, t.clock, { email: address, name: `Person ${counter}`, role, venue }, null);
  const password = 'correct horse battery staple';
  const set = await postForm(t, `/staff/setup/${setupToken}`, { password, password_repeat: password });
  if (set.statusCode !== 303) throw new Error(`setup password: ${set.statusCode}`);
  const page = await t.app.inject({ url: `/staff/setup/${setupToken}/two-factor` });
  const secret = parseHtml(page.body).querySelector('[data-testid="totp-secret"]')!.textContent.replace(/\s/g, '');
  const done = await postForm(t, `/staff/setup/${setupToken}/two-factor`, { code: codeAt(t, secret) });
  if (done.statusCode !== 200) throw new Error(`setup second factor: ${done.statusCode}`);
  const recoveryCodes = parseHtml(done.body)
    .querySelectorAll('[data-testid="recovery-codes"] code')
    .map((c) => c.textContent);
  return { member, email: address, password, secret, recoveryCodes };
}

export interface SignedIn {
  cookie: string;
  csrf: string;
}

/** Signs in with password and a fresh TOTP code (the clock moves one step on, as a code is never taken twice). */
export async function signIn(t: TestApp, account: TestAccount): Promise<SignedIn> {
  const first = await postForm(t, '/staff/login', { email: account.email, password: account.password });
  const pending = sessionCookieOf(first);
  if (first.statusCode !== 303 || !pending) throw new Error(`password step: ${first.statusCode}`);
  t.clock.advance(30_000);
  const second = await postForm(t, '/staff/login/code', { code: codeAt(t, account.secret) }, pending);
  const cookie = sessionCookieOf(second);
  if (second.statusCode !== 303 || !cookie) throw new Error(`code step: ${second.statusCode} ${second.body.slice(0, 200)}`);
  const page = await adminGet(t, { cookie, csrf: '' }, '/admin/account');
  const csrf = parseHtml(page.body).querySelector('input[name="_csrf"]')?.getAttribute('value');
  if (!csrf) throw new Error('no form token on the account page');
  return { cookie, csrf };
}

/** A member's account and session: what a test acts as. */
export type Member = TestAccount & SignedIn;

/** A member set up and signed in, as the person would. */
export async function signInMember(t: TestApp, role: Role, venue?: Venue): Promise<Member> {
  const account = await setUpAccount(t, { role, ...(venue && { venue: venue.slug }) });
  return { ...account, ...(await signIn(t, account)) };
}

export function adminGet(t: TestApp, session: SignedIn, url: string) {
  return t.app.inject({ method: 'GET', url, headers: { cookie: `${SESSION_COOKIE}=${session.cookie}` } });
}

/** A back-office form post as the browser sends it: the session cookie, the form token, our own Origin. */
/** A form posted by a signed-in member; with `language`, asked for in that language (Accept-Language). */
export function adminPost(t: TestApp, session: SignedIn, url: string, fields: Record<string, string> = {}, language?: 'nl' | 'en') {
  return postForm(t, url, { _csrf: session.csrf, ...fields }, session.cookie, language);
}

const SETUP_KEY = randomBytes(32);

/**
 * A member added in core, as the setup link leaves them (a password and a confirmed second
 * factor), or with `setUp: false` only added: for the services that mail the admins.
 */
export async function addMember(
  db: Db,
  clock: Clock,
  email: string,
  role: Role,
  { venue, setUp = true }: { venue?: string; setUp?: boolean } = {},
): Promise<StaffMember> {
  const { member, setupToken } = await addStaff(db, clock, { email, name: email, role, venue }, null);
  if (!setUp) return member;
  await setSetupPassword(db, clock, SETUP_KEY, setupToken, 'correct horse battery staple');
  const row = await findSetupAccount(db, clock, setupToken);
  const code = rfc6238(base32Decode(pendingTotpSecret(SETUP_KEY, row)!), Math.floor(clock.now().getTime() / 1000));
  await confirmTotpEnrolment(db, clock, SETUP_KEY, row, code, { actor: member });
  return member;
}
