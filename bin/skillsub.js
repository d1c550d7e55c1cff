#!/usr/bin/env node
// Tiny shim: runs the built CLI (dist/) and hands its exit code to the process.
import { main } from '../dist/cli/main.js';

// A reader that stops early (`skillsub approvals | head`) is not an error.
process.stdout.on('error', (err) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw err;
});

process.exitCode = await main(process.argv.slice(2));
