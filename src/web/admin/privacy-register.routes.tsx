import type { FastifyInstance, FastifyRequest } from 'fastify';
import { type AppContext, privacySettingsOf } from '../app-context.js';
import { formatDate } from '../../core/i18n/format.js';
import { readPrivacyFacts } from '../../core/privacy/privacy-facts.service.js';
import { localDateOf } from '../../core/shared/time.js';
import { sendPage } from '../public/respond.js';
import { PrivacyRegisterPage } from '../views/admin/privacy-register.page.js';
import { registerDocument, registerMarkdown } from '../views/admin/privacy-register.js';
import { requirePermission } from './admin-request.js';
import { adminUiFor } from './admin-ui.js';

const PAGE = '/privacy/register';
const DOWNLOAD = '/privacy/register.md';

/**
 * The platform operator's register of processing activities (GDPR art. 30), for admins only: a
 * page and the same as a Markdown file, both from the privacy facts the public statement is
 * written from.
 */
export async function privacyRegisterRoutes(app: FastifyInstance, context: AppContext): Promise<void> {
  const { db, clock, auth } = context;
  app.addHook('preHandler', async (request) => requirePermission(request, 'platform.privacy'));

  async function documentFor(request: FastifyRequest) {
    const ui = adminUiFor(request, auth);
    const facts = await readPrivacyFacts(db, privacySettingsOf(context));
    return { ui, document: registerDocument(ui.t, facts, formatDate(clock.now(), ui.lang)) };
  }

  app.get(PAGE, async (request, reply) => {
    const { ui, document } = await documentFor(request);
    return sendPage(reply, 200, <PrivacyRegisterPage ui={ui} document={document} downloadUrl={`/admin${DOWNLOAD}`} />);
  });

  app.get(DOWNLOAD, async (request, reply) => {
    const { document } = await documentFor(request);
    return reply
      .type('text/markdown; charset=utf-8')
      .header('content-disposition', `attachment; filename="groupz-register-of-processing-${localDateOf(clock.now())}.md"`)
      .send(registerMarkdown(document));
  });
}
