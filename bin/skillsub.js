#!/usr/bin/env node
// Tiny shim: runs the built CLI (dist/) and hands its exit code to the process.
import { main, stdoutFailure } from '../dist/cli/main.js';

// A reader that stops early (`skillsub approvals | head`) is not an error; any other failure
// of standard output (a full disk) is said in one line, exit 3.
process.stdout.on('error', (err) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  process.stderr.write(stdoutFailure(err, process.argv.slice(2), process.env));
  process.exit(3);
});

process.exitCode = await main(process.argv.slice(2));
