// The house's one-way dependencies (README "How the code is organised"): cli → app → engine →
// store, ingest → core. The core is pure and synchronous; threads live in the engine only.

import { describe, it, expect } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, dirname, resolve } from 'node:path';

const SRC = join(import.meta.dirname, '..', 'src');

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

/** Each source file's imports: the top folder under src/ for a relative import, else the module name. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/^(?:import|export)[^'"]*from\s+'([^']+)'/gm)].map(([, spec]) =>
    spec.startsWith('.') ? relative(SRC, resolve(dirname(file), spec)).split('/')[0] : spec);
}

const layer = (file: string) => relative(SRC, file).split('/')[0];
const ALLOWED: Record<string, string[]> = {
  core: ['core'],
  ingest: ['ingest', 'core'],
  store: ['store', 'ingest', 'core'],
  engine: ['engine', 'store', 'ingest', 'core'],
  app: ['app', 'engine', 'store', 'ingest', 'core', 'policies'],
  cli: ['cli', 'app', 'core'],
};

describe('layers', () => {
  for (const file of files(SRC)) {
    const from = layer(file);
    if (!(from in ALLOWED)) continue;
    it(`${relative(SRC, file)} imports only from ${ALLOWED[from].join(', ')}`, () => {
      const local = importsOf(file).filter((i) => i in ALLOWED || i === 'policies');
      expect(local.filter((i) => !ALLOWED[from].includes(i))).toEqual([]);
    });
  }

  it('keeps the core pure: no I/O, threads, awaits, clock or process', () => {
    const offending = files(join(SRC, 'core')).filter((f) => {
      const text = readFileSync(f, 'utf8');
      return /from 'node:(fs|worker_threads|child_process|v8|os|path)'|better-sqlite3|\bawait\b|\basync\b|new Date\(\)|Date\.now\(|process\./.test(text);
    });
    expect(offending.map((f) => relative(SRC, f))).toEqual([]);
  });

  it('names every folder of src/ in README\'s "How the code is organised", on a line of its own', () => {
    const readme = readFileSync(join(SRC, '..', 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## How the code is organised'), readme.indexOf('\n## ', readme.indexOf('## How the code is organised') + 1));
    const folders = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory())
      .flatMap((e) => [join(dir, e.name), ...folders(join(dir, e.name))]);
    const named = new Set([...section.matchAll(/^ *(?:src\/)?([a-z-]+)\/ /gm)].map(([, name]) => name));
    expect(folders(SRC).map((f) => relative(SRC, f)).filter((f) => !named.has(f.split('/').at(-1)!))).toEqual([]);
  });

  it('starts worker threads from the engine only', () => {
    const withThreads = files(SRC).filter((f) => readFileSync(f, 'utf8').includes("'node:worker_threads'"));
    expect(withThreads.map((f) => relative(SRC, f)).filter((f) => !f.startsWith('engine/'))).toEqual([]);
  });
});
