// Process entry of `npm start`: the same as `groupz serve`.
import { runCli } from './cli/main.js';

process.exitCode = await runCli(['serve', ...process.argv.slice(2)]);
