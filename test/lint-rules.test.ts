// The architecture rules of eslint.config.js can fail: each forbidden import planted in a file
// of the right layer is reported by its rule, and the allowed variant next to it is not.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';

const root = fileURLToPath(new URL('..', import.meta.url));
const eslint = new ESLint({ cwd: root });

/** The rules that report `code` as if it were the (not existing) file `file` of the project. */
async function reported(file: string, code: string): Promise<(string | null)[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, file) });
  assert.ok(result);
  assert.deepEqual(
    result.messages.filter((m) => m.fatal),
    [],
  );
  return result.messages.map((m) => m.ruleId);
}

describe('lint rules', () => {
  test('core/ imports no HTTP framework', async () => {
    assert.deepEqual(await reported('src/core/bookings/planted.ts', "import Fastify from 'fastify';\nexport const f = Fastify;\n"), [
      'no-restricted-imports',
    ]);
    assert.deepEqual(
      await reported('src/core/bookings/planted.ts', "import type { FastifyInstance } from 'fastify';\nexport type F = FastifyInstance;\n"),
      ['no-restricted-imports'],
    );
    assert.deepEqual(
      await reported('src/core/bookings/planted.ts', "import formbody from '@fastify/formbody';\nexport const f = formbody;\n"),
      ['no-restricted-imports'],
    );
    assert.deepEqual(
      await reported('src/core/bookings/planted.ts', "import multipart from '@fastify/multipart';\nexport const m = multipart;\n"),
      ['no-restricted-imports'],
    );
    assert.deepEqual(await reported('src/core/bookings/planted.ts', "import { z } from 'zod';\nexport const s = z.string();\n"), []);
  });

  test('core/ drives no process, mail server, image library or network connection itself', async () => {
    for (const module of [
      'node:child_process',
      'child_process',
      'node:http',
      'node:net',
      'node:tls',
      'nodemailer',
      'acme-client',
      'sharp',
      '@mollie/api-client',
    ]) {
      assert.deepEqual(
        await reported('src/core/backups/planted.ts', `import * as m from '${module}';\nexport const x = m;\n`),
        ['no-restricted-imports'],
        module,
      );
    }
    assert.deepEqual(
      await reported('src/core/backups/planted.ts', "import { createHash } from 'node:crypto';\nexport const h = createHash;\n"),
      [],
    );
  });

  test('core/ imports nothing of the web, the CLI, the servers or the app', async () => {
    for (const module of ['../../web/limits.js', '../../cli/program.js', '../../server/serving.js', '../../app.js', '../../main.js']) {
      assert.deepEqual(
        await reported('src/core/bookings/planted.ts', `import * as m from '${module}';\nexport const x = m;\n`),
        // Each of these imports core/, so the import would close a cycle of folders too.
        ['groupz/no-folder-cycle', 'import-x/no-restricted-paths'],
        module,
      );
    }
    assert.deepEqual(
      await reported('src/core/bookings/planted.ts', "import { newId } from '../shared/ids.js';\nexport const x = newId;\n"),
      [],
    );
  });

  test('only core/mail renders HTML', async () => {
    const code = "import { render } from 'preact-render-to-string';\nexport const r = render;\n";
    assert.deepEqual(await reported('src/core/bookings/planted.ts', code), ['no-restricted-imports']);
    assert.deepEqual(await reported('src/core/mail/planted.ts', code), []);
  });

  test('web/ and cli/ import a repository for its types only', async () => {
    const value = "import { findSlot } from '../../core/availability/slot.repository.js';\nexport const f = findSlot;\n";
    const types = "import type { SlotRow } from '../../core/availability/slot.repository.js';\nexport type S = SlotRow;\n";
    const inlineTypes = "import { type SlotRow } from '../../core/availability/slot.repository.js';\nexport type S = SlotRow;\n";
    assert.deepEqual(await reported('src/web/admin/planted.routes.ts', value), ['no-restricted-imports']);
    assert.deepEqual(await reported('src/web/admin/planted.routes.ts', types), []);
    assert.deepEqual(await reported('src/web/admin/planted.routes.ts', inlineTypes), []);
    assert.deepEqual(await reported('src/cli/planted.command.ts', value.replace('../../', '../')), ['no-restricted-imports']);
    assert.deepEqual(await reported('src/cli/planted.command.ts', types.replace('../../', '../')), []);
  });

  test('views never import routes', async () => {
    assert.deepEqual(
      await reported(
        'src/web/views/planted.tsx',
        "import { assetRoutes } from '../public/assets.routes.js';\nexport const r = assetRoutes;\n",
      ),
      ['groupz/no-folder-cycle', 'import-x/no-restricted-paths'],
    );
    assert.deepEqual(await reported('src/web/views/planted.tsx', "import { asset } from '../assets.js';\nexport const a = asset;\n"), []);
  });

  test('migrations import kysely and nothing else', async () => {
    const migration = 'src/db/migrations/2999-01-01T0000-planted.ts';
    assert.deepEqual(await reported(migration, "import { newId } from '../../core/shared/ids.js';\nexport const x = newId;\n"), [
      'no-restricted-imports',
    ]);
    assert.deepEqual(await reported(migration, "import type { Db } from '../schema.js';\nexport type D = Db;\n"), [
      'no-restricted-imports',
    ]);
    assert.deepEqual(
      await reported(migration, "import { type Kysely, sql } from 'kysely';\nexport type K = Kysely<unknown>;\nexport const s = sql;\n"),
      [],
    );
  });

  test('only repositories and the database layer contain SQL', async () => {
    const query =
      "import type { Executor } from '../../db/schema.js';\nexport const q = (db: Executor) => db.selectFrom('bookings').selectAll().execute();\n";
    const raw = "import { sql } from 'kysely';\nexport const now = sql`now()`;\n";
    assert.deepEqual(await reported('src/core/bookings/planted.service.ts', query), ['no-restricted-syntax']);
    assert.deepEqual(await reported('src/web/public/planted.routes.ts', raw), ['no-restricted-syntax']);
    assert.deepEqual(await reported('src/core/bookings/planted.repository.ts', query), []);
    assert.deepEqual(await reported('src/core/bookings/planted.repository.ts', raw), []);
  });

  test('folders of src/ import each other one way only, through other folders too', async () => {
    const plant = (file: string, module: string) => reported(file, `import * as m from '${module}';\nexport const x = m;\n`);
    // booking-flows builds on bookings; bookings may not call back up.
    assert.deepEqual(await plant('src/core/bookings/planted.ts', '../booking-flows/booking.service.js'), ['groupz/no-folder-cycle']);
    assert.deepEqual(await plant('src/core/booking-flows/planted.ts', '../bookings/booking.js'), []);
    // No direct import from venues to staff, but venues reaches staff through payments (sealed Mollie keys).
    assert.deepEqual(await plant('src/core/staff/planted.ts', '../venues/venue.repository.js'), ['groupz/no-folder-cycle']);
    // Views render what routes give them; the adapters know nothing of the servers that use them.
    assert.deepEqual(await plant('src/web/views/planted.tsx', '../admin/admin-ui.js'), ['groupz/no-folder-cycle']);
    assert.deepEqual(await plant('src/adapters/acme/planted.ts', '../../server/serving.js'), ['groupz/no-folder-cycle']);
    // A test may exercise folders together.
    assert.deepEqual(await plant('src/core/bookings/planted.test.ts', '../booking-flows/booking.service.js'), []);
    // Every way TypeScript imports counts: a re-export, a type, a dynamic import, `import = require`.
    for (const code of [
      "export * from '../booking-flows/booking.service.js';\n",
      "import type { Placing } from '../booking-flows/booking.service.js';\nexport type P = Placing;\n",
      "export const load = () => import('../booking-flows/booking.service.js');\n",
      "import flows = require('../booking-flows/booking.service.js');\nexport const f = flows;\n",
    ]) {
      assert.deepEqual(await reported('src/core/bookings/planted.ts', code), ['groupz/no-folder-cycle'], code);
    }
  });

  /** What the cycle rule reports on a.ts, with a.ts and b.ts written in a fresh folder of the project. */
  async function cycleReport(a: string, b: string): Promise<(string | null)[]> {
    const dir = mkdtempSync(join(root, 'test', '.lint-cycle-'));
    try {
      writeFileSync(join(dir, 'a.ts'), a);
      writeFileSync(join(dir, 'b.ts'), b);
      return await reported(relative(root, join(dir, 'a.ts')), a);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  test('an import cycle is reported, a cycle of type-only imports too', async () => {
    const a = "import { b } from './b.js';\nexport const a = (): string => b;\n";
    assert.deepEqual(await cycleReport(a, "export const b = 'b';\n"), []);
    assert.deepEqual(await cycleReport(a, "import { a } from './a.js';\nexport const b = 'b';\nexport const c = a;\n"), [
      'groupz/no-import-cycle',
    ]);
    const typesA = "import type { B } from './b.js';\nexport interface A {\n  b?: B;\n}\n";
    assert.deepEqual(await cycleReport(typesA, 'export interface B {\n  name: string;\n}\n'), []);
    assert.deepEqual(await cycleReport(typesA, "import type { A } from './a.js';\nexport interface B {\n  a?: A;\n}\n"), [
      'groupz/no-import-cycle',
    ]);
  });
});
