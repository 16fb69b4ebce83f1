import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../app-context.js';
import { DomainError } from '../../core/shared/errors.js';
import { isKey } from '../../core/shared/ids.js';
import { completeLogin, loginWithPassword } from '../../core/staff/login.service.js';
import { logOut, resolveSession, type Session, type SessionLookup } from '../../core/staff/session.service.js';
import { confirmTotpEnrolment, findSetupAccount, pendingTotpSecret, setSetupPassword } from '../../core/staff/staff.service.js';
import { totpEnrolment } from '../../core/staff/totp.js';
import { HttpError } from '../plugins/errors.js';
import { uiFor } from '../plugins/language.js';
import { formField } from '../form-body.js';
import { sendPage } from '../public/respond.js';
import { LoginPage, RecoveryCodesPage, SecondFactorPage, SetupPasswordPage, TotpEnrolmentPage } from '../views/admin/staff-auth.pages.js';
import { authRefusal, clientOf } from './client.js';
import { CSRF_FIELD, isValidCsrfToken } from '../csrf.js';
import { clearSessionCookie, SESSION_COOKIE, setSessionCookie } from './session-cookie.js';

const NOTICES = { expired: 'auth.notice_expired', logged_out: 'auth.notice_logged_out', setup_done: 'auth.notice_setup_done' } as const;

/**
 * Signing in and setting up an account, under /staff: outside the guarded /admin scope, as these
 * pages are how a session comes to be. Nothing here is cached.
 */
export async function staffAuthRoutes(app: FastifyInstance, { db, clock, auth }: AppContext): Promise<void> {
  async function currentSession(request: FastifyRequest): Promise<SessionLookup> {
    const token = request.cookies[SESSION_COOKIE];
    return token ? resolveSession(db, clock, auth, token) : { state: 'none' };
  }

  app.get('/login', async (request, reply) => {
    const lookup = await currentSession(request);
    if (lookup.state === 'valid' && lookup.session.twoFactorVerified) return reply.seeOther('/admin');
    if (lookup.state !== 'valid' && request.cookies[SESSION_COOKIE]) clearSessionCookie(reply);
    const ui = uiFor(request);
    const reason = (request.query as Record<string, unknown>).reason;
    const notice = typeof reason === 'string' && Object.hasOwn(NOTICES, reason) ? ui.t(NOTICES[reason as keyof typeof NOTICES]) : undefined;
    return sendPage(reply, 200, <LoginPage ui={ui} email="" notice={notice} />);
  });

  app.post('/login', async (request, reply) => {
    const ui = uiFor(request);
    const email = formField(request.body, 'email');
    try {
      const token = await loginWithPassword(db, clock, email, formField(request.body, 'password'), clientOf(request));
      setSessionCookie(reply, token);
      return reply.seeOther('/staff/login/code');
    } catch (error) {
      const { status, message } = authRefusal(error, ui, reply);
      return sendPage(reply, status, <LoginPage ui={ui} email={email.slice(0, 254)} error={message} />);
    }
  });

  /** The half-signed-in session (password only) the code step continues, or a redirect to start over. */
  async function pendingLogin(request: FastifyRequest, reply: FastifyReply): Promise<Session | undefined> {
    const lookup = await currentSession(request);
    if (lookup.state === 'valid' && !lookup.session.twoFactorVerified) return lookup.session;
    if (lookup.state === 'valid') {
      reply.seeOther('/admin');
      return undefined;
    }
    if (request.cookies[SESSION_COOKIE]) clearSessionCookie(reply);
    reply.seeOther(lookup.state === 'expired' ? '/staff/login?reason=expired' : '/staff/login');
    return undefined;
  }

  app.get('/login/code', async (request, reply) => {
    if (!(await pendingLogin(request, reply))) return reply;
    return sendPage(reply, 200, <SecondFactorPage ui={uiFor(request)} />);
  });

  app.post('/login/code', async (request, reply) => {
    const pending = await pendingLogin(request, reply);
    if (!pending) return reply;
    const ui = uiFor(request);
    try {
      const token = await completeLogin(db, clock, auth.secretKey, pending, formField(request.body, 'code'), clientOf(request));
      setSessionCookie(reply, token);
      return reply.seeOther('/admin');
    } catch (error) {
      const { status, message } = authRefusal(error, ui, reply);
      return sendPage(reply, status, <SecondFactorPage ui={ui} error={message} />);
    }
  });

  app.post('/logout', async (request, reply) => {
    const token = request.cookies[SESSION_COOKIE];
    const lookup = await currentSession(request);
    // A signed-in session is only ended by its own pages' form (the form token), not by another site.
    if (lookup.state === 'valid' && !isValidCsrfToken(auth.secretKey, lookup.session.tokenHash, formField(request.body, CSRF_FIELD)))
      throw new HttpError(403, 'forbidden');
    const signedIn = lookup.state === 'valid' ? { member: lookup.staff, client: clientOf(request).network } : undefined;
    if (token) await logOut(db, clock, token, signedIn);
    // The session cookie is expired by name, and Clear-Site-Data wipes the cache and storage; its
    // "cookies" would also take the visitor's language choice (`lang`), which is no secret.
    clearSessionCookie(reply);
    reply.header('clear-site-data', '"cache", "storage"');
    return reply.seeOther('/staff/login?reason=logged_out');
  });

  // Setup: the one-time link from `groupz staff add` (or from an admin), password then second factor.
  async function setupAccount(request: FastifyRequest) {
    const { token } = request.params as { token: string };
    if (!isKey(token)) throw new DomainError('setup_link_invalid');
    return { token, row: await findSetupAccount(db, clock, token) };
  }

  app.get('/setup/:token', async (request, reply) => {
    const { token, row } = await setupAccount(request);
    return sendPage(
      reply,
      200,
      <SetupPasswordPage ui={uiFor(request)} action={`/staff/setup/${token}`} name={row.name} email={row.email} />,
    );
  });

  app.post('/setup/:token', async (request, reply) => {
    const { token, row } = await setupAccount(request);
    const ui = uiFor(request);
    const password = formField(request.body, 'password');
    try {
      if (password !== formField(request.body, 'password_repeat')) throw new DomainError('password_mismatch');
      await setSetupPassword(db, clock, auth.secretKey, token, password);
      return reply.seeOther(`/staff/setup/${token}/two-factor`);
    } catch (error) {
      const { status, message } = authRefusal(error, ui, reply);
      return sendPage(
        reply,
        status,
        <SetupPasswordPage ui={ui} action={`/staff/setup/${token}`} name={row.name} email={row.email} error={message} />,
      );
    }
  });

  async function enrolmentPage(request: FastifyRequest, reply: FastifyReply, status: number, error?: string) {
    const { token, row } = await setupAccount(request);
    const secret = row.password_hash ? pendingTotpSecret(auth.secretKey, row) : null;
    if (!secret) return reply.seeOther(`/staff/setup/${token}`);
    const { qrSvg } = await totpEnrolment(secret, row.email);
    const action = `/staff/setup/${token}/two-factor`;
    return sendPage(reply, status, <TotpEnrolmentPage ui={uiFor(request)} action={action} secret={secret} qrSvg={qrSvg} error={error} />);
  }

  app.get('/setup/:token/two-factor', async (request, reply) => enrolmentPage(request, reply, 200));

  app.post('/setup/:token/two-factor', async (request, reply) => {
    const { row } = await setupAccount(request);
    const ui = uiFor(request);
    try {
      const codes = await confirmTotpEnrolment(db, clock, auth.secretKey, row, formField(request.body, 'code'), {
        actor: { id: row.id, email: row.email },
      });
      return sendPage(
        reply,
        200,
        <RecoveryCodesPage ui={ui} codes={codes} next="/staff/login?reason=setup_done" nextLabel={ui.t('auth.to_login')} />,
      );
    } catch (error) {
      const { status, message } = authRefusal(error, ui, reply);
      return enrolmentPage(request, reply, status, message);
    }
  });
}
