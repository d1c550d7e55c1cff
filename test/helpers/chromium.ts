// Headless Chromium for the tests that render a page (returns, scorecards): Debian's chromium,
// installed when missing (the CI machine runs as root), started without network chatter.

import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

/** The browser's path, or null where it is not installed and cannot be. */
export function findChromium(): string | null {
  for (const p of ['/usr/bin/chromium', '/usr/bin/chromium-browser']) if (existsSync(p)) return p;
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  // Bounded so that a slow or unreachable mirror skips the rendering instead of timing the test out.
  spawnSync('apt-get', ['update'], { stdio: 'ignore', timeout: 150_000, env });
  spawnSync('apt-get', ['install', '-y', '--no-install-recommends', 'chromium'], { stdio: 'ignore', timeout: 300_000, env });
  return existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : null;
}

/** Renders a local page: a screenshot into `png` and the DOM as Chromium parsed it. */
export function renderPage(chromium: string, html: string, png: string, profileDir: string, size: string): { stderr: string; dom: string } {
  const flags = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', `--user-data-dir=${join(profileDir, 'chrome')}`, `--window-size=${size}`];
  const shot = spawnSync(chromium, [...flags, `--screenshot=${png}`, `file://${html}`], { encoding: 'utf8', timeout: 60_000 });
  const dom = spawnSync(chromium, [...flags, '--dump-dom', `file://${html}`], { encoding: 'utf8', timeout: 60_000 });
  return { stderr: shot.stderr, dom: dom.stdout };
}
