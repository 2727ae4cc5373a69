// `npm run bench -- widget-size [--rebuild]`
// The embeddable widget's size as visitors download it: widget/dist/widget.js
// is the whole widget (JS with its CSS inlined), so its gzipped size is the
// number. Issue 5's budget is 15 KB. Builds first when the bundle is missing
// or older than widget/src.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const widgetDir = join(root, 'widget');
const bundle = join(widgetDir, 'dist', 'widget.js');
const BUDGET_KB = 15;

function isStale(): boolean {
  try {
    const built = statSync(bundle).mtimeMs;
    const sources = [
      ...readdirSync(join(widgetDir, 'src')).map((f) => join(widgetDir, 'src', f)),
      join(widgetDir, 'vite.config.ts'),
    ];
    return sources.some((f) => statSync(f).mtimeMs > built);
  } catch {
    return true;
  }
}

const kb = (bytes: number) => Math.round((bytes / 1024) * 100) / 100;

export async function main(args: string[]): Promise<void> {
  if (args.includes('--rebuild') || isStale()) {
    console.error('building widget/ …');
    const { build } = await import('vite');
    await build({ configFile: join(widgetDir, 'vite.config.ts'), logLevel: 'warn' });
  }
  const bytes = readFileSync(bundle);
  const gz = gzipSync(bytes, { level: 9 }).length;
  // The CSS travels inside the JS as one string; reported apart to show where the bytes go.
  const css = /`(:host\{[^`]*)`/.exec(bytes.toString('utf8'))?.[1] ?? '';
  console.error(
    `widget.js ${kb(bytes.length)} KB raw, ${kb(gz)} KB gzipped (budget ${BUDGET_KB} KB); CSS ${kb(css.length)} KB raw of it`,
  );
  console.log(
    JSON.stringify({
      bench: 'widget-size',
      widget_gz_kb: kb(gz),
      widget_raw_kb: kb(bytes.length),
      css_raw_kb: kb(css.length),
      budget_kb: BUDGET_KB,
      within_budget: kb(gz) <= BUDGET_KB,
    }),
  );
}
