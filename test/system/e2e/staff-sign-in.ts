import type { Page } from 'playwright-core';
import { base32Decode, rfc6238 } from '../../staff.js';
import type { Platform } from './server.js';

/** The cookies a signed-in staff member's browser holds. */
export const BACK_OFFICE_COOKIES = ['__Host-groupz_session', 'lang'];
const PASSWORD = 'correct horse battery staple';

/** The TOTP code an authenticator app shows now, `offsetSteps` 30-second steps ahead. */
function totpNow(secret: string, offsetSteps = 0): string {
  return rfc6238(base32Decode(secret), Math.floor(Date.now() / 1000) + offsetSteps * 30);
}

/** The pages of the setup and sign-in, in the order they are shown. */
export type SignInStep = 'setup' | 'two-factor' | 'recovery-codes' | 'login' | 'login-code' | 'signed-in';

/** Checks a page of the sign-in; given its step and the cookies the browser should hold there. */
export type SignInCheck = (step: SignInStep, cookies: string[]) => Promise<void>;

/**
 * `groupz staff add` (an admin), the setup link (password, authenticator code), then the sign-in
 * with password and a code of the next step (the platform refuses a code's replay). `check` runs
 * on every page on the way.
 */
export async function setUpAndSignIn(platform: Platform, page: Page, email: string, name: string, check: SignInCheck): Promise<void> {
  await page.goto(`${platform.url}${platform.addStaff(email, name)}`);
  await check('setup', ['lang']);
  await page.fill('#password', PASSWORD);
  await page.fill('#password_repeat', PASSWORD);
  await page.locator('main form button[type="submit"]').first().click();
  await page.waitForURL(/two-factor$/);
  await check('two-factor', ['lang']);
  const secret = ((await page.textContent('[data-testid="totp-secret"]')) ?? '').replace(/\s/g, '');
  await page.fill('#code', totpNow(secret));
  await page.locator('main form button[type="submit"]').first().click();
  await page.locator('[data-testid="recovery-codes"]').waitFor();
  await check('recovery-codes', ['lang']);

  await page.goto(`${platform.url}/staff/login`);
  await check('login', ['lang']);
  await page.fill('#email', email);
  await page.fill('#password', PASSWORD);
  await page.locator('main form button[type="submit"]').first().click();
  await page.waitForURL(/\/staff\/login\/code$/);
  await check('login-code', BACK_OFFICE_COOKIES);
  await page.fill('#code', totpNow(secret, 1));
  await page.locator('main form button[type="submit"]').first().click();
  await page.waitForURL(/\/admin/);
  await check('signed-in', BACK_OFFICE_COOKIES);
}
