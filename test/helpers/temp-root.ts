// vitest's globalSetup: every temporary folder a test run makes (its databases, input files and
// outputs, the CLI's own temporary copies) is made under one folder of the run, through TMPDIR,
// which the test processes inherit; the folder is removed when the run ends, whatever the tests left.

import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup(): () => void {
  const before = process.env.TMPDIR;
  const root = mkdtempSync(join(tmpdir(), 'skillsub-tests-'));
  // Made 0700; the tests that run the CLI as another user (hardening-2, run as root) must reach
  // their folders inside it, as they did in the system's temporary folder.
  chmodSync(root, 0o711);
  process.env.TMPDIR = root;
  return () => {
    rmSync(root, { recursive: true, force: true });
    if (before === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = before;
  };
}
