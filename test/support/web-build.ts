// The browser tests drive the built operator app (web/dist) and widget
// (widget/dist): each is built when missing or older than its sources, so a
// test never runs a stale bundle.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Runs `vite build --config config` when `dist` is missing or older than any of `sources`. */
export function buildIfStale(dist: string, sources: readonly string[], config: string) {
  const built = existsSync(dist) ? statSync(dist).mtimeMs : 0;
  const newest = (p: string): number =>
    statSync(p).isDirectory()
      ? Math.max(0, ...readdirSync(p).map((f) => newest(join(p, f))))
      : statSync(p).mtimeMs;
  if (Math.max(...sources.map(newest)) > built)
    execFileSync('npx', ['vite', 'build', '--config', config], {
      stdio: 'pipe',
      // Vitest sets NODE_ENV=test, which would make Vite bundle React's development build.
      env: { ...process.env, NODE_ENV: 'production' },
    });
}

export function buildWebIfStale() {
  buildIfStale('web/dist/index.html', ['web/src', 'web/index.html'], 'web/vite.config.ts');
}

export function buildWidgetIfStale() {
  buildIfStale(
    'widget/dist/widget.js',
    ['widget/src', 'widget/vite.config.ts'],
    'widget/vite.config.ts',
  );
}
