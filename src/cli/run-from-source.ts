// Runs the CLI from the TypeScript sources (used by the tests); bin/groupz.js runs the build.
import { runCli } from './program.js';

process.exitCode = await runCli(process.argv.slice(2));
