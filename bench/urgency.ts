// `npm run bench -- urgency [--misses]`
// Runs the angry/urgent classifier (src/domain/care/urgency.ts) over the
// labeled messages and reports precision and recall per language and overall,
// for the tuning set (used while writing the lexicon) and the held-out set
// (never used for it). A table goes to stderr; JSON lines — one per set and
// language, the overall lines last — go to stdout.
import {
  classifyUrgency,
  measureUrgency,
  type UrgencyMeasure,
} from '../src/domain/care/urgency.js';
import { loadUrgencySet, URGENCY_SETS } from '../test/domain/care/fixtures/load-urgency.js';

const LANGUAGES = ['en', 'ru', 'uk'] as const;
const round = (x: number | null): number | null =>
  x === null ? null : Math.round(x * 1000) / 1000;
const pct = (x: number | null): string =>
  x === null ? '     -' : `${(x * 100).toFixed(1).padStart(5)}%`;

function line(set: string, lang: string, m: UrgencyMeasure) {
  return {
    bench: 'urgency',
    set,
    lang,
    messages: m.messages,
    truePositives: m.truePositives,
    falsePositives: m.falsePositives,
    falseNegatives: m.falseNegatives,
    precision: round(m.precision),
    recall: round(m.recall),
  };
}

export async function main(args: string[]): Promise<void> {
  const results: ReturnType<typeof line>[] = [];
  console.error('set       lang  messages  precision  recall');
  for (const set of [...URGENCY_SETS, 'all'] as const) {
    const messages = set === 'all' ? URGENCY_SETS.flatMap(loadUrgencySet) : loadUrgencySet(set);
    for (const lang of [...LANGUAGES, 'all'] as const) {
      const subset = lang === 'all' ? messages : messages.filter((m) => m.lang === lang);
      const m = measureUrgency(subset);
      results.push(line(set, lang, m));
      console.error(
        `${set.padEnd(9)} ${lang.padEnd(4)} ${String(m.messages).padStart(9)}     ${pct(m.precision)}  ${pct(m.recall)}`,
      );
      if (args.includes('--misses') && lang === 'all' && set !== 'all') {
        for (const miss of m.misses) {
          const text = subset.find((x) => x.id === miss.id)?.text ?? '';
          console.error(
            `  ${miss.id} expected ${miss.expected ? 'urgent' : 'calm'}: ${text.replace(/\n/g, ' | ')}`,
          );
        }
      }
    }
  }
  // The classifier's speed, so a lexicon change that makes it slow shows here.
  const texts = URGENCY_SETS.flatMap(loadUrgencySet).map((m) => m.text);
  const started = performance.now();
  let n = 0;
  while (performance.now() - started < 500)
    for (const t of texts) {
      classifyUrgency(t);
      n += 1;
    }
  const perMessageUs = ((performance.now() - started) * 1000) / n;
  for (const r of results) console.log(JSON.stringify(r));
  console.log(
    JSON.stringify({
      bench: 'urgency',
      metric: 'classify_us_per_message',
      value: Math.round(perMessageUs * 10) / 10,
    }),
  );
}
