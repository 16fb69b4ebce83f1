// Process entry of `npm start`: the same as `groupz serve`.
import { runCli } from './cli/program.js';

process.exitCode = await runCli(['serve', ...process.argv.slice(2)]);
