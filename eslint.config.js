// @ts-check
// The architecture's rules, checked on every `npm test` (`npm run lint`). Style is
// Prettier's job and types are tsc's: this config holds the boundaries between layers, the
// absence of import cycles, and SQL only in repositories.
import { defineConfig } from 'eslint/config';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import importX from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';
import { noFolderCycle } from './lint/no-folder-cycle.js';
import { noImportCycle } from './lint/no-import-cycle.js';

const TESTS = ['**/*.test.ts', '**/*.test.tsx'];

/** What core/ must not know: the layers above it and the outside systems it drives (those live in adapters). */
const OUTSIDE_CORE = {
  paths: ['src/web', 'src/cli', 'src/server', 'src/audit', 'src/firewall', 'src/adapters', 'src/app.ts', 'src/main.ts'],
  packages: [
    { regex: 'fastify|^find-my-way$', message: 'core/ knows nothing of HTTP: routes belong in src/web.' },
    {
      regex: '^(nodemailer|acme-client|sharp|@mollie/api-client)(/|$)',
      message: 'Outside systems are driven from adapters, behind an interface core/ owns.',
    },
    {
      regex: '^(node:)?(child_process|http|https|http2|net|tls)$',
      message: 'Processes and network connections are adapters, behind an interface core/ owns.',
    },
  ],
};

/** Only mails render HTML in core/. */
const PREACT = { regex: '^preact(/|$)|^preact-render-to-string$', message: 'Only core/mail renders HTML (its mails).' };

export default defineConfig(
  { ignores: ['dist/', 'data/', '.test-tmp/'] },
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: { parser: tseslint.parser },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    plugins: { 'import-x': importX, groupz: { rules: { 'no-import-cycle': noImportCycle, 'no-folder-cycle': noFolderCycle } } },
    settings: { 'import-x/resolver-next': [createTypeScriptImportResolver({ project: `${import.meta.dirname}/tsconfig.json` })] },
    rules: {
      // No module may reach itself again through its imports, types included.
      'groupz/no-import-cycle': 'error',
      // Nor may a folder of src/ (a domain of core/, a part of web/) reach itself again through its imports.
      'groupz/no-folder-cycle': 'error',
    },
  },
  {
    name: 'core: dependencies point inward',
    files: ['src/core/**'],
    ignores: TESTS,
    rules: {
      'import-x/no-restricted-paths': [
        'error',
        {
          basePath: import.meta.dirname,
          zones: [
            {
              target: 'src/core',
              from: OUTSIDE_CORE.paths,
              message: 'Dependencies point inward: core/ knows nothing of the web, the CLI, the servers, the adapters or the app.',
            },
          ],
        },
      ],
    },
  },
  {
    name: 'core: no HTTP, no outside systems, HTML for mails only',
    files: ['src/core/**'],
    ignores: [...TESTS, 'src/core/mail/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [...OUTSIDE_CORE.packages, PREACT] }] },
  },
  {
    name: 'core/mail: no HTTP, no outside systems',
    files: ['src/core/mail/**'],
    ignores: TESTS,
    rules: { 'no-restricted-imports': ['error', { patterns: OUTSIDE_CORE.packages }] },
  },
  {
    name: 'views: rendered by routes, never the other way round',
    files: ['src/web/views/**'],
    rules: {
      'import-x/no-restricted-paths': [
        'error',
        {
          basePath: import.meta.dirname,
          zones: [{ target: 'src/web/views', from: 'src/web/**/*.routes.{ts,tsx}', message: 'Views never import routes.' }],
        },
      ],
    },
  },
  {
    name: 'web and cli: every write goes through a core service',
    files: ['src/web/**', 'src/cli/**'],
    ignores: TESTS,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '\\.repository(\\.js)?$',
              allowTypeImports: true,
              message: 'Call a core service; a repository may be imported for its types only (`import type`).',
            },
          ],
        },
      ],
    },
  },
  {
    name: 'migrations are frozen',
    files: ['src/db/migrations/*'],
    ignores: ['src/db/migrations/index.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ regex: '^(?!kysely$)', message: 'A migration imports kysely only: the app may change, a migration may not.' }] },
      ],
    },
  },
  {
    name: 'only repositories and the database layer contain SQL',
    files: ['src/**'],
    ignores: [...TESTS, 'src/db/**', '**/*.repository.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'CallExpression[callee.property.name=/^(selectFrom|insertInto|updateTable|deleteFrom|replaceInto|mergeInto)$/]',
          message: 'Queries belong in a *.repository.ts module.',
        },
        { selector: "TaggedTemplateExpression[tag.name='sql']", message: 'SQL belongs in a *.repository.ts module.' },
        { selector: "MemberExpression[object.name='sql']", message: 'SQL belongs in a *.repository.ts module.' },
      ],
    },
  },
);
