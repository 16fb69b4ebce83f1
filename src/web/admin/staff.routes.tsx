import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../app-context.js';
import type { MessageKey } from '../i18n/i18n.js';
import { DomainError, type DomainErrorCode } from '../../core/shared/errors.js';
import { type FieldError, fieldErrorOfRefusal } from '../../core/shared/field-errors.js';
import { isKey } from '../../core/shared/ids.js';
import {
  addStaffMember,
  changeStaffRole,
  endStaffSessions,
  findStaffDetail,
  listStaffOverview,
  reissueStaffSetupLink,
  setStaffDisabled,
  type AddedStaff,
  type StaffForm,
  venuesForStaff,
} from '../../core/staff/staff-admin.service.js';
import { setupLinkPath } from '../../core/staff/setup-links.js';
import { SETUP_LINK_HOURS } from '../../core/staff/staff.service.js';
import { assignableRoles } from '../../core/staff/staff.js';
import { fieldMessages } from '../field-errors.js';
import { FIELD_ERRORS_STATUS, statusOfDomainError } from '../plugins/errors.js';
import { uiFor } from '../plugins/language.js';
import { formField } from '../form-body.js';
import { sendPage } from '../public/respond.js';
import type { FieldMessages } from '../field-errors.js';
import { StaffDetailPage } from '../views/admin/staff-detail.page.js';
import { StaffListPage } from '../views/admin/staff-list.page.js';
import { StaffSetupLinkPage } from '../views/admin/staff-setup-link.page.js';
import { requirePermission } from './admin-request.js';
import { adminUiFor } from './admin-ui.js';
import { clientOf } from './client.js';

/** Which field of the add form a refusal after its checks belongs to: an address with an account (for an admin). */
const FIELD_OF: Partial<Record<DomainErrorCode, keyof StaffForm>> = { email_taken: 'email' };

/** What a detail page says after a change went through (the `done` query parameter of the 303). */
const NOTICES = {
  role: 'staff.notice_role_changed',
  disabled: 'staff.notice_disabled',
  enabled: 'staff.notice_enabled',
  sessions: 'staff.notice_sessions_ended',
  link_mailed: 'staff.notice_link_mailed',
} as const satisfies Record<string, MessageKey>;
type Done = keyof typeof NOTICES;

function memberId(request: FastifyRequest): string {
  const { id } = request.params as { id: string };
  if (!isKey(id)) throw new DomainError('not_found');
  return id;
}

/**
 * Staff management for admins (everyone) and managers (their own venue's members). The service
 * looks every member up within the signed-in member's venue scope: another venue's id is a 404.
 */
export async function staffRoutes(app: FastifyInstance, { db, clock, auth, publicUrl, linkKey }: AppContext): Promise<void> {
  app.addHook('preHandler', async (request) => requirePermission(request, 'staff.manage'));

  async function listPage(request: FastifyRequest, reply: FastifyReply, status: number, form: StaffForm, errors: FieldMessages) {
    const [members, venues] = await Promise.all([listStaffOverview(db, clock, request.staff), venuesForStaff(db, request.staff)]);
    const ui = adminUiFor(request, auth);
    const roles = assignableRoles(request.staff);
    return sendPage(reply, status, <StaffListPage ui={ui} members={members} venues={venues} roles={roles} form={form} errors={errors} />);
  }

  async function detailPage(
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    { roleForm, error }: { roleForm?: { role: string; venue: string }; error?: string } = {},
  ) {
    const id = memberId(request);
    const detail = await findStaffDetail(db, clock, request.staff, id);
    const venues = await venuesForStaff(db, request.staff);
    const ui = adminUiFor(request, auth);
    const done = (request.query as Record<string, unknown>).done;
    const notice = typeof done === 'string' && Object.hasOwn(NOTICES, done) ? ui.t(NOTICES[done as Done]) : undefined;
    return sendPage(
      reply,
      status,
      <StaffDetailPage
        ui={ui}
        detail={detail}
        venues={venues}
        roles={assignableRoles(request.staff)}
        roleForm={roleForm ?? { role: detail.member.role, venue: detail.venue?.slug ?? '' }}
        notice={notice}
        error={error}
      />,
    );
  }

  /** The answer to adding a member: the link was mailed, and shown here too when the actor may see it. */
  function addedPage(request: FastifyRequest, reply: FastifyReply, added: AddedStaff) {
    const expiresAt = new Date(clock.now().getTime() + SETUP_LINK_HOURS * 3600_000);
    return sendPage(
      reply,
      200,
      <StaffSetupLinkPage
        ui={adminUiFor(request, auth)}
        email={added.email}
        member={added.member}
        link={added.setupToken ? `${publicUrl}${setupLinkPath(added.setupToken)}` : undefined}
        hours={SETUP_LINK_HOURS}
        expiresAt={expiresAt}
      />,
    );
  }

  /** Runs a change on a member's page; a refusal other than "not found" is shown on that page. */
  async function onDetail(
    request: FastifyRequest,
    reply: FastifyReply,
    change: () => Promise<FastifyReply>,
    roleForm?: { role: string; venue: string },
  ): Promise<FastifyReply> {
    try {
      return await change();
    } catch (error) {
      if (!(error instanceof DomainError) || error.code === 'not_found') throw error;
      const message = adminUiFor(request, auth).t(`error.${error.code}`);
      return detailPage(request, reply, statusOfDomainError(error.code), { error: message, ...(roleForm && { roleForm }) });
    }
  }

  function changed(request: FastifyRequest, reply: FastifyReply, done: Done): FastifyReply {
    return reply.seeOther(`/admin/staff/${memberId(request)}?done=${done}`);
  }

  // The setup mail's language starts as the adding member's own.
  app.get('/staff', async (request, reply) =>
    listPage(request, reply, 200, { email: '', name: '', role: 'staff', venue: '', language: uiFor(request).lang }, {}),
  );

  app.post('/staff', async (request, reply) => {
    const body = request.body;
    const form: StaffForm = {
      email: formField(body, 'email'),
      name: formField(body, 'name'),
      role: formField(body, 'role'),
      venue: formField(body, 'venue'),
      language: formField(body, 'language'),
    };
    const refusedWith = (status: number, errors: FieldError[]) =>
      listPage(request, reply, status, form, fieldMessages(adminUiFor(request, auth).t, errors));
    try {
      const added = await addStaffMember(db, clock, linkKey, request.staff, form);
      return added.ok ? addedPage(request, reply, added.value) : refusedWith(FIELD_ERRORS_STATUS, added.errors);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const refusal = fieldErrorOfRefusal(error, FIELD_OF);
      if (!refusal) throw error;
      return refusedWith(statusOfDomainError(error.code), [refusal]);
    }
  });

  app.get('/staff/:id', async (request, reply) => detailPage(request, reply, 200));

  app.post('/staff/:id/role', async (request, reply) => {
    const change = { role: formField(request.body, 'role'), venue: formField(request.body, 'venue') };
    return onDetail(
      request,
      reply,
      async () => {
        await changeStaffRole(db, clock, request.staff, memberId(request), change, clientOf(request).network);
        return changed(request, reply, 'role');
      },
      change,
    );
  });

  app.post('/staff/:id/disable', async (request, reply) =>
    onDetail(request, reply, async () => {
      await setStaffDisabled(db, clock, request.staff, memberId(request), true, clientOf(request).network);
      return changed(request, reply, 'disabled');
    }),
  );

  app.post('/staff/:id/enable', async (request, reply) =>
    onDetail(request, reply, async () => {
      await setStaffDisabled(db, clock, request.staff, memberId(request), false, clientOf(request).network);
      return changed(request, reply, 'enabled');
    }),
  );

  app.post('/staff/:id/sessions/end', async (request, reply) =>
    onDetail(request, reply, async () => {
      await endStaffSessions(db, clock, request.staff, memberId(request), clientOf(request).network);
      return changed(request, reply, 'sessions');
    }),
  );

  // The new link goes to the member by mail only: whoever re-issues it never sees it.
  app.post('/staff/:id/setup-link', async (request, reply) =>
    onDetail(request, reply, async () => {
      await reissueStaffSetupLink(db, clock, linkKey, request.staff, memberId(request));
      return changed(request, reply, 'link_mailed');
    }),
  );
}
