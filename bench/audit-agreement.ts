// `npm run bench -- audit-agreement [--set tuning|holdout|challenge] [--disagreements]`
// Runs the dialog-quality audit over the labeled dialogs and reports exact
// agreement with the labels (pass/fail/na must match), per check and overall,
// split by set: tuning (used while developing), held-out (never inspected
// while tuning) and challenge (written after the code to probe it). A readable
// table goes to stderr; JSON lines — one per check, the overall line last —
// go to stdout.
import { type AgreementReport, auditDialog, measureAgreement } from '../src/domain/audit/index.js';
import {
  type FixtureSet,
  type LabeledDialog,
  loadLabeledDialogs,
} from '../test/domain/audit/fixtures/load-fixtures.js';

const SETS: readonly FixtureSet[] = ['tuning', 'holdout', 'challenge'];

function measure(dialogs: readonly LabeledDialog[]): AgreementReport {
  return measureAgreement(
    dialogs.map((d) => ({ id: d.id, expected: d.expected, actual: auditDialog(d.input) })),
  );
}

const round = (x: number): number => Math.round(x * 1000) / 1000;
const cell = (r: AgreementReport, x: number): string =>
  r.dialogs === 0 ? '     -' : `${(x * 100).toFixed(1).padStart(5)}%`;

function parseSet(args: readonly string[]): FixtureSet | undefined {
  const value = args[args.indexOf('--set') + 1];
  return SETS.find((s) => args.includes('--set') && s === value);
}

export async function main(args: string[]): Promise<void> {
  const dialogs = loadLabeledDialogs(parseSet(args));
  const all = measure(dialogs);
  const bySet = SETS.map((set) => measure(dialogs.filter((d) => d.set === set)));

  console.error(
    `audit agreement over ${all.dialogs} labeled dialogs (${SETS.map((s, i) => `${s} ${bySet[i]!.dialogs}`).join(', ')})`,
  );
  console.error(`check                   all ${SETS.map((s) => s.padStart(9)).join(' ')}`);
  all.perCheck.forEach((c, i) => {
    const cols = bySet.map((r) => `   ${cell(r, r.perCheck[i]!.agreement)}`).join('');
    console.error(`${c.check.padEnd(20)} ${cell(all, c.agreement)}${cols}`);
  });
  const totals = bySet.map((r) => `   ${cell(r, r.agreement)}`).join('');
  console.error(`${'overall'.padEnd(20)} ${cell(all, all.agreement)}${totals}`);
  if (args.includes('--disagreements')) {
    for (const d of all.disagreements) {
      console.error(
        `  ${d.id} ${d.check}: expected ${d.expected}, got ${d.actual} @${d.messageSeq} — ${d.reason}`,
      );
    }
  }

  const perSet = (pick: (r: AgreementReport) => number): Record<string, number | null> =>
    Object.fromEntries(SETS.map((s, i) => [s, bySet[i]!.dialogs ? round(pick(bySet[i]!)) : null]));
  all.perCheck.forEach((c, i) => {
    console.log(
      JSON.stringify({
        bench: 'audit-agreement',
        check: c.check,
        agreement: round(c.agreement),
        ...perSet((r) => r.perCheck[i]!.agreement),
      }),
    );
  });
  console.log(
    JSON.stringify({
      bench: 'audit-agreement',
      dialogs: all.dialogs,
      checks: all.checks,
      agreement: round(all.agreement),
      ...perSet((r) => r.agreement),
    }),
  );
}
