import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../app-context.js';
import { pastStaleLimit } from '../../core/backups/backup-alerts.service.js';
import { configuredLocations } from '../../core/backups/backup-run.service.js';
import { listRecentBackupRuns, readLatestBackupRuns } from '../../core/backups/backup-runs.service.js';
import { sendPage } from '../public/respond.js';
import { BackupsPage, type LocationState } from '../views/admin/backups.page.js';
import { requirePermission } from './admin-request.js';
import { adminUiFor } from './admin-ui.js';

/** Runs listed: two weeks of nights at two locations. */
const RUNS_SHOWN = 30;

/** The platform's backups, for admins only: each location's last success and the recent runs. No "run now": `groupz backup run` does that. */
export async function backupRoutes(app: FastifyInstance, { db, clock, auth, backup }: AppContext): Promise<void> {
  app.addHook('preHandler', async (request) => requirePermission(request, 'platform.backups'));

  app.get('/backups', async (request, reply) => {
    const now = clock.now();
    const locations: LocationState[] = [];
    for (const location of backup ? configuredLocations(backup) : []) {
      const { last, lastSuccess } = await readLatestBackupRuns(db, location);
      const successAt = lastSuccess && (lastSuccess.finishedAt ?? lastSuccess.startedAt);
      locations.push({ location, last, lastSuccess, successAt, stale: !successAt || pastStaleLimit(now, successAt) });
    }
    const runs = await listRecentBackupRuns(db, RUNS_SHOWN);
    return sendPage(
      reply,
      200,
      <BackupsPage ui={adminUiFor(request, auth)} settings={backup} locations={locations} runs={runs} now={now} />,
    );
  });
}
