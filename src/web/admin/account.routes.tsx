import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../app-context.js';
import { DomainError, type DomainErrorCode } from '../../core/shared/errors.js';
import { isKey } from '../../core/shared/ids.js';
import {
  changePassword,
  ownStaffRow,
  readOwnAccount,
  regenerateRecoveryCodes,
  startTotpReenrolment,
} from '../../core/staff/account.service.js';
import { isRecentlyReauthenticated, reauthenticate } from '../../core/staff/login.service.js';
import { endOwnSessions } from '../../core/staff/session.service.js';
import { confirmTotpEnrolment, pendingTotpSecret } from '../../core/staff/staff.service.js';
import { totpEnrolment } from '../../core/staff/totp.js';
import { formField } from '../form-body.js';
import { sendPage } from '../public/respond.js';
import { AccountPage, type AccountSection } from '../views/admin/account.page.js';
import { CsrfField } from '../views/admin/admin-layout.js';
import { RecoveryCodesPage, TotpEnrolmentPage } from '../views/admin/staff-auth.pages.js';
import { adminUiFor } from './admin-ui.js';
import { authRefusal, clientOf } from './client.js';

/** Refusals of the new password itself, shown on its field (a wrong current password is the form's). */
const NEW_PASSWORD_CODES: ReadonlySet<DomainErrorCode> = new Set<DomainErrorCode>([
  'password_too_short',
  'password_too_long',
  'password_common',
  'password_predictable',
  'password_mismatch',
]);

/** The signed-in member's own account: active sessions, password, second factor, recovery codes. */
export async function accountRoutes(app: FastifyInstance, { db, clock, auth }: AppContext): Promise<void> {
  async function accountPage(
    request: FastifyRequest,
    reply: FastifyReply,
    status = 200,
    error?: { section: AccountSection; message: string },
  ) {
    const { sessions, recoveryCodesLeft } = await readOwnAccount(db, request.staff);
    const done = (request.query as Record<string, unknown>).done;
    const page = (
      <AccountPage
        ui={adminUiFor(request, auth)}
        sessions={sessions}
        current={request.staffSession.tokenHash}
        recoveryCodesLeft={recoveryCodesLeft}
        done={typeof done === 'string' ? done : undefined}
        error={error}
      />
    );
    return sendPage(reply, status, page);
  }

  /** Runs a credential change after password and current code are proven again; refusals come back to the form. */
  async function withReauthentication(
    request: FastifyRequest,
    reply: FastifyReply,
    section: AccountSection,
    change: () => Promise<FastifyReply>,
  ) {
    try {
      const proof = { password: formField(request.body, 'current_password'), code: formField(request.body, 'current_code') };
      await reauthenticate(db, clock, auth.secretKey, request.staff, request.staffSession, proof, clientOf(request));
      return await change();
    } catch (error) {
      const { status, message } = authRefusal(error, adminUiFor(request, auth), reply);
      const field = error instanceof DomainError && NEW_PASSWORD_CODES.has(error.code) ? 'password' : undefined;
      return accountPage(request, reply, status, { section, message, ...(field && { field }) });
    }
  }

  app.get('/account', async (request, reply) => accountPage(request, reply));

  app.post('/account/sessions/end', async (request, reply) => {
    const { staff, staffSession } = request;
    const which = formField(request.body, 'session');
    const sessions = which === 'others' ? { allBut: staffSession.tokenHash } : isKey(which) ? { one: which } : null;
    await endOwnSessions(db, clock, staff, sessions, clientOf(request).network);
    return reply.seeOther('/admin/account?done=sessions');
  });

  app.post('/account/password', async (request, reply) =>
    withReauthentication(request, reply, 'password', async () => {
      const password = formField(request.body, 'password');
      if (password !== formField(request.body, 'password_repeat')) throw new DomainError('password_mismatch');
      await changePassword(db, clock, request.staff, request.staffSession, password);
      return reply.seeOther('/admin/account?done=password');
    }),
  );

  app.post('/account/recovery-codes', async (request, reply) =>
    withReauthentication(request, reply, 'recovery', async () => {
      const codes = await regenerateRecoveryCodes(db, clock, request.staff);
      const ui = adminUiFor(request, auth);
      return sendPage(reply, 200, <RecoveryCodesPage ui={ui} codes={codes} next="/admin/account" nextLabel={ui.t('account.back')} />);
    }),
  );

  app.post('/account/two-factor/start', async (request, reply) =>
    withReauthentication(request, reply, 'two_factor', async () => {
      await startTotpReenrolment(db, clock, auth.secretKey, request.staff);
      return reply.seeOther('/admin/account/two-factor');
    }),
  );

  /** The new secret to link, while the re-authentication that started it is recent. */
  async function enrolment(request: FastifyRequest, reply: FastifyReply, status: number, error?: string) {
    const row = await ownStaffRow(db, request.staff);
    const secret = pendingTotpSecret(auth.secretKey, row);
    if (!secret || !isRecentlyReauthenticated(request.staffSession, clock)) return reply.seeOther('/admin/account');
    const { qrSvg } = await totpEnrolment(secret, row.email);
    const ui = adminUiFor(request, auth);
    return sendPage(
      reply,
      status,
      <TotpEnrolmentPage ui={ui} action="/admin/account/two-factor" secret={secret} qrSvg={qrSvg} error={error}>
        <CsrfField ui={ui} />
      </TotpEnrolmentPage>,
    );
  }

  app.get('/account/two-factor', async (request, reply) => enrolment(request, reply, 200));

  app.post('/account/two-factor', async (request, reply) => {
    if (!isRecentlyReauthenticated(request.staffSession, clock)) return reply.seeOther('/admin/account');
    const ui = adminUiFor(request, auth);
    try {
      const row = await ownStaffRow(db, request.staff);
      const codes = await confirmTotpEnrolment(db, clock, auth.secretKey, row, formField(request.body, 'code'), {
        keepSession: request.staffSession.tokenHash,
        actor: request.staff,
      });
      return sendPage(reply, 200, <RecoveryCodesPage ui={ui} codes={codes} next="/admin/account" nextLabel={ui.t('account.back')} />);
    } catch (error) {
      const refusal = authRefusal(error, ui, reply);
      return enrolment(request, reply, refusal.status, refusal.message);
    }
  });
}
