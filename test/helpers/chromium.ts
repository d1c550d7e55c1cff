// Headless Chromium for the tests that render a page (returns, scorecards): Debian's chromium
// and a CJK font (fonts-noto-cjk), installed when missing (.ci/run installs them first; the
// machine runs as root), started without network chatter.

import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

/** The browser's path, or null where it is not installed and cannot be. */
export function findChromium(): string | null {
  for (const p of ['/usr/bin/chromium', '/usr/bin/chromium-browser']) if (existsSync(p)) return p;
  aptInstall('chromium');
  return existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : null;
}

/** Whether fontconfig knows a font with Chinese glyphs; installs Debian's fonts-noto-cjk when it does not. */
export function ensureCjkFont(): boolean {
  const has = () => /\S/.test(spawnSync('fc-list', [':lang=zh', 'family'], { encoding: 'utf8' }).stdout ?? '');
  if (has()) return true;
  aptInstall('fonts-noto-cjk', 'fontconfig');
  return has();
}

function aptInstall(...packages: string[]): void {
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  // Bounded so that a slow or unreachable mirror skips the rendering instead of timing the test out.
  spawnSync('apt-get', ['update'], { stdio: 'ignore', timeout: 150_000, env });
  spawnSync('apt-get', ['install', '-y', '--no-install-recommends', ...packages], { stdio: 'ignore', timeout: 300_000, env });
}

const headless = (profileDir: string) => ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', `--user-data-dir=${join(profileDir, 'chrome')}`];

/** Renders a local page: a screenshot into `png` and the DOM as Chromium parsed it; `env` adds to the browser's environment. */
export function renderPage(chromium: string, html: string, png: string, profileDir: string, size: string, env: NodeJS.ProcessEnv = {}): { stderr: string; dom: string } {
  const flags = [...headless(profileDir), `--window-size=${size}`];
  const options = { encoding: 'utf8' as const, timeout: 60_000, env: { ...process.env, ...env } };
  const shot = spawnSync(chromium, [...flags, `--screenshot=${png}`, `file://${html}`], options);
  const dom = spawnSync(chromium, [...flags, '--dump-dom', `file://${html}`], options);
  return { stderr: shot.stderr, dom: dom.stdout };
}

/** Prints a local page to PDF as Chromium's print dialog would (its @page rules applied), without the browser's header and footer. */
export function printPage(chromium: string, html: string, pdf: string, profileDir: string): string {
  return spawnSync(chromium, [...headless(profileDir), '--no-pdf-header-footer', `--print-to-pdf=${pdf}`, `file://${html}`], { encoding: 'utf8', timeout: 60_000 }).stderr;
}
