import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

const src = fileURLToPath(new URL('../src', import.meta.url));

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)]));
}

function imports(file: string): string[] {
  return [...readFileSync(file, 'utf8').matchAll(/^(?:import|export)[^'"]*from\s+'([^']+)'/gm)].map((m) => m[1]!);
}

describe('architecture rules', () => {
  test('core/ knows nothing of HTTP, the web layer, the servers, the CLI or the adapters and the systems they drive; only mails render HTML (with Preact)', () => {
    const offences = files(join(src, 'core'))
      .filter((f) => !f.endsWith('.test.ts'))
      .flatMap((f) =>
        imports(f)
          .filter((i) =>
            /fastify|\/web\/|\/cli\/|\/server\/|\/adapters\/|preact|^node:http|^node:child_process|^nodemailer|^acme-client/.test(i),
          )
          .filter((i) => !(/^preact(-render-to-string)?$/.test(i) && relative(src, f).startsWith('core/mail/')))
          .map((i) => `${relative(src, f)} imports ${i}`),
      );
    assert.deepEqual(offences, []);
  });

  test('migrations are frozen: they import nothing from the app', () => {
    const offences = files(join(src, 'db/migrations'))
      .filter((f) => !f.endsWith('index.ts'))
      .flatMap((f) =>
        imports(f)
          .filter((i) => i !== 'kysely')
          .map((i) => `${relative(src, f)} imports ${i}`),
      );
    assert.deepEqual(offences, []);
  });

  test('only repositories and the database layer contain SQL', () => {
    const sqlish = /\.(selectFrom|insertInto|updateTable|deleteFrom)\(|sql`/;
    const offences = files(src)
      .filter((f) => !/\.test\.tsx?$/.test(f) && !f.includes('/db/') && !f.endsWith('.repository.ts'))
      .filter((f) => sqlish.test(readFileSync(f, 'utf8')))
      .map((f) => relative(src, f));
    assert.deepEqual(offences, []);
  });
});
