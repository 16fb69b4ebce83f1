// `npm run build`: the platform as one bundle in dist/ (esbuild), so a start loads a few files instead of
// ~1,400 modules. `dist/main.js` is `npm start`'s entry and `dist/cli/program.js` the `groupz` command's;
// what either loads only with import() (the CLI's commands, PDF and UBL rendering, ...) is a chunk of
// its own, loaded when first used. Packages with native code stay in node_modules.
import { build } from 'esbuild';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Loaded from node_modules as installed: native addons, and packages that read their own files at run
 * time. And Fastify's schema compilers (ajv, fast-json-stringify: 0.6 MB a start would compile), which
 * it requires only when the app gives it none; src/app.ts gives its own.
 */
const EXTERNAL = [
  'better-sqlite3',
  'argon2',
  'sharp',
  'pg-native',
  'pdfkit',
  '@fastify/ajv-compiler',
  '@fastify/fast-json-stringify-compiler',
];

/**
 * A package that src/ loads with import() (zxcvbn's lists, Mollie's client, qrcode, nodemailer, ...)
 * stays in node_modules and is loaded there by Node, as from the sources. Bundled, a CommonJS
 * package's chunk would export only `default`, and `const { dictionary } = await import(...)`
 * would find nothing: esbuild gives a dynamic import of CommonJS no named exports.
 */
const lazyPackagesStayInstalled = {
  name: 'lazy-packages-stay-installed',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) =>
      args.kind === 'dynamic-import' && !args.importer.includes('/node_modules/') ? { path: args.path, external: true } : undefined,
    );
  },
};

/** What each build wrote, for the next to know which files are the build's before it. */
const OUTPUTS = 'dist/.outputs.json';

function readOutputs() {
  try {
    return JSON.parse(readFileSync(OUTPUTS, 'utf8'));
  } catch {
    return [];
  }
}

const before = readOutputs();
const result = await build({
  // The worker thread of SQLite's checkpoints (src/db/sqlite-checkpoints.ts) is a file of its own.
  entryPoints: {
    main: 'src/main.ts',
    'cli/program': 'src/cli/program.ts',
    'sqlite-checkpoint-worker': 'src/db/sqlite-checkpoint-worker.ts',
  },
  outdir: 'dist',
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: 'linked',
  // The maps name the sources, which stay beside the bundle (src/, node_modules): every process's coverage
  // holds its maps, and with the sources' text in them a test run's came to gigabytes.
  sourcesContent: false,
  external: EXTERNAL,
  plugins: [lazyPackagesStayInstalled],
  // The CommonJS packages in the bundle call require() for Node's own modules.
  banner: {
    js: "import { createRequire as groupzCreateRequire } from 'node:module'; const require = groupzCreateRequire(import.meta.url);",
  },
  logLevel: 'warning',
  metafile: true,
});

// A platform started from the build before may still load its chunks (import(), when first used), so
// `npm test` beside a running `npm start` does not break it: that build's files stay, older ones go.
const outputs = Object.keys(result.metafile.outputs);
const kept = new Set([...outputs, ...before, OUTPUTS]);
for (const file of readdirSync('dist', { recursive: true, withFileTypes: true })) {
  const path = join(file.parentPath ?? file.path, file.name);
  if (file.isFile() && !kept.has(path)) rmSync(path);
}
writeFileSync(OUTPUTS, JSON.stringify(outputs));
