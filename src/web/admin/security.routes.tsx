import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../app-context.js';
import { recordAudit } from '../../core/audit-log/audit-log.service.js';
import { runJobOnce } from '../../core/jobs/scheduler.js';
import { listSelfAudits } from '../../core/self-audit/self-audit.repository.js';
import { selfAuditJob } from '../../core/self-audit/self-audit.service.js';
import { newId } from '../../core/shared/ids.js';
import { formField } from '../public/form-body.js';
import { sendPage } from '../public/respond.js';
import { SecurityPage } from '../views/admin/security.page.js';
import { requirePermission } from './admin-request.js';
import { adminUiFor } from './admin-ui.js';
import { clientOf } from './client.js';

/** Runs shown: the latest with its checks, the ones before it in a line each. */
const RUNS_SHOWN = 10;

const NOTICES = { ran: 'security.notice_ran', busy: 'security.notice_busy' } as const;

/** The platform's self-audit, for admins only: the latest runs and "run now". */
export async function securityRoutes(app: FastifyInstance, { db, clock, auth, publicUrl, selfAudit }: AppContext): Promise<void> {
  app.addHook('preHandler', async (request) => requirePermission(request, 'platform.security'));
  const job = selfAudit && selfAuditJob(db, selfAudit);

  app.get('/security', async (request, reply) => {
    const ui = adminUiFor(request, auth);
    const done = formField(request.query, 'done');
    const notice = Object.hasOwn(NOTICES, done) ? ui.t(NOTICES[done as keyof typeof NOTICES]) : undefined;
    const runs = job ? await listSelfAudits(db, RUNS_SHOWN) : [];
    return sendPage(
      reply,
      200,
      <SecurityPage ui={ui} publicUrl={publicUrl} enabled={job !== undefined} runs={runs} now={clock.now()} notice={notice} />,
    );
  });

  // Runs the audit while the admin waits (seconds), under the job's lease: never beside a scheduled run.
  app.post('/security/run', async (request, reply) => {
    if (!job) return reply.seeOther('/admin/security');
    const outcome = await runJobOnce(db, clock, newId(), job);
    if (outcome === 'ran') {
      await recordAudit(db, clock, {
        actor: request.staff,
        venueId: null,
        action: 'security.self_audit_run',
        client: clientOf(request).network,
      });
    }
    return reply.seeOther(`/admin/security?done=${outcome}`);
  });
}
