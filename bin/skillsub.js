#!/usr/bin/env node
// Tiny shim: runs the built CLI (dist/) and hands its exit code to the process.
import { main } from '../dist/cli/main.js';

process.exitCode = await main(process.argv.slice(2));
