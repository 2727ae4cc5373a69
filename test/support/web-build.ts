// The browser tests drive the built operator app (web/dist).
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Builds the app when web/dist is missing or older than its sources: never test a stale bundle. */
export function buildWebIfStale() {
  const index = 'web/dist/index.html';
  const built = existsSync(index) ? statSync(index).mtimeMs : 0;
  const newest = (dir: string): number =>
    Math.max(
      ...readdirSync(dir, { withFileTypes: true }).map((e) =>
        e.isDirectory() ? newest(join(dir, e.name)) : statSync(join(dir, e.name)).mtimeMs,
      ),
    );
  if (Math.max(newest('web/src'), statSync('web/index.html').mtimeMs) > built)
    // Vitest sets NODE_ENV=test, which would make Vite bundle React's development build.
    execFileSync('npx', ['vite', 'build', '--config', 'web/vite.config.ts'], {
      stdio: 'pipe',
      env: { ...process.env, NODE_ENV: 'production' },
    });
}
