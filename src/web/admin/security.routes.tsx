import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../app-context.js';
import { findStuckJobs } from '../../core/job-watch/job-watch.service.js';
import { listLatestSelfAudits, runSelfAuditNow } from '../../core/self-audit/self-audit.service.js';
import { formField } from '../form-body.js';
import { sendPage } from '../public/respond.js';
import { SecurityPage } from '../views/admin/security.page.js';
import { DiskSpaceSection } from '../views/admin/disk-space.js';
import { listDiskConditions } from '../../core/watch/disk-watch.service.js';
import { requirePermission } from './admin-request.js';
import { adminUiFor } from './admin-ui.js';
import { clientOf } from './client.js';

/** Runs shown: the latest with its checks, the ones before it in a line each. */
const RUNS_SHOWN = 10;

const NOTICES = { ran: 'security.notice_ran', busy: 'security.notice_busy' } as const;

/** The platform's self-audit, for admins only: the latest runs and "run now"; stuck jobs; the data directories' free space. */
export async function securityRoutes(app: FastifyInstance, { db, clock, auth, publicUrl, selfAudit, jobs }: AppContext): Promise<void> {
  app.addHook('preHandler', async (request) => requirePermission(request, 'platform.security'));

  app.get('/security', async (request, reply) => {
    const ui = adminUiFor(request, auth);
    const done = formField(request.query, 'done');
    const notice = Object.hasOwn(NOTICES, done) ? ui.t(NOTICES[done as keyof typeof NOTICES]) : undefined;
    const runs = selfAudit ? await listLatestSelfAudits(db, RUNS_SHOWN) : [];
    const stuck = jobs && (await findStuckJobs(db, clock, jobs));
    return sendPage(
      reply,
      200,
      <SecurityPage
        ui={ui}
        publicUrl={publicUrl}
        enabled={selfAudit !== undefined}
        runs={runs}
        stuckJobs={stuck}
        now={clock.now()}
        notice={notice}
      >
        <DiskSpaceSection ui={ui} conditions={await listDiskConditions(db, clock)} now={clock.now()} />
      </SecurityPage>,
    );
  });

  app.post('/security/run', async (request, reply) => {
    if (!selfAudit) return reply.seeOther('/admin/security');
    const outcome = await runSelfAuditNow(db, clock, selfAudit, { actor: request.staff, client: clientOf(request).network });
    return reply.seeOther(`/admin/security?done=${outcome}`);
  });
}
