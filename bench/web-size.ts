// `npm run bench -- web-size [--rebuild]`
// The operator app's initial JavaScript, gzipped: every script and module
// preload that web/dist/index.html loads before the app can render (lazy
// chunks are not counted). Issue 4's budget is 300 KB. Builds first when
// web/dist is missing or older than web/src.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const webDir = join(root, 'web');
const dist = join(webDir, 'dist');
const BUDGET_KB = 300;

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

function isStale(): boolean {
  try {
    const built = statSync(join(dist, 'index.html')).mtimeMs;
    const sources = Math.max(
      newestMtime(join(webDir, 'src')),
      statSync(join(webDir, 'index.html')).mtimeMs,
    );
    return sources > built;
  } catch {
    return true;
  }
}

/** The JS files index.html loads up front: module scripts and modulepreloads, with their static imports. */
export function initialScripts(html: string, read: (path: string) => string): string[] {
  const found = new Set<string>();
  const refs = [
    ...html.matchAll(/<script[^>]*\bsrc="([^"]+\.js)"/g),
    ...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+\.js)"/g),
  ].map((m) => m[1]!);
  const queue = refs.map((r) => r.replace(/^\//, ''));
  while (queue.length > 0) {
    const file = queue.shift()!;
    if (found.has(file)) continue;
    found.add(file);
    // Static imports between chunks (`import ... from "./x.js"` at top level) load up front too.
    for (const m of read(file).matchAll(
      /(?:^|[;\n])\s*import\s*(?:[\w*{}\s,$]+from\s*)?["']([^"']+\.js)["']/g,
    )) {
      queue.push(join(dirname(file), m[1]!).replace(/\\/g, '/'));
    }
  }
  return [...found];
}

export async function main(args: string[]): Promise<void> {
  if (args.includes('--rebuild') || isStale()) {
    console.error('building web/ …');
    // The budget is about what users load: React's production build, whatever the shell says.
    process.env.NODE_ENV = 'production';
    const { build } = await import('vite');
    await build({ configFile: join(webDir, 'vite.config.ts'), logLevel: 'warn' });
  }
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const files = initialScripts(html, (path) => readFileSync(join(dist, path), 'utf8'));
  let raw = 0;
  let gz = 0;
  for (const file of files) {
    const bytes = readFileSync(join(dist, file));
    raw += bytes.length;
    gz += gzipSync(bytes, { level: 9 }).length;
    console.error(`${file}: ${(bytes.length / 1024).toFixed(1)} KB`);
  }
  const kb = Math.round((gz / 1024) * 10) / 10;
  console.error(
    `initial JS ${(raw / 1024).toFixed(1)} KB raw, ${kb} KB gzipped (budget ${BUDGET_KB} KB)`,
  );
  console.log(
    JSON.stringify({
      bench: 'web-size',
      app_js_gz_kb: kb,
      app_js_raw_kb: Math.round((raw / 1024) * 10) / 10,
      files: files.length,
      budget_kb: BUDGET_KB,
      within_budget: kb <= BUDGET_KB,
    }),
  );
}
