#!/usr/bin/env node
// The `groupz` command: the compiled CLI (built by `npm ci` through the `prepare` script).
import { runCli } from '../dist/cli/program.js';

process.exitCode = await runCli(process.argv.slice(2));
