// `npm run bench -- audit-agreement [--set <set>] [--disagreements]`
// Runs the dialog-quality audit over the labelled dialogs and reports exact
// agreement with the labels (pass/fail/na must match), per check and overall.
// Sets: tuning, holdout, challenge (written here), and the independent corpus
// of issue 19 split once into corpus-dev and corpus-heldout. A readable table
// of every set goes to stderr. stdout has one JSON line per check and one
// overall line for the named split (default corpus-heldout), e.g.
// {"bench":"audit-agreement","split":"corpus-heldout","check":"greeting","agreement":1,"agree":162,"total":162}
// --disagreements lists the split's disagreements — refused for the held-out
// half, which is measured and never read while tuning.
import { type AgreementReport, auditDialog, measureAgreement } from '../src/domain/audit/index.js';
import {
  FIXTURE_SETS,
  type FixtureSet,
  type LabeledDialog,
  loadLabeledDialogs,
} from '../test/domain/audit/fixtures/load-fixtures.js';

function measure(dialogs: readonly LabeledDialog[]): AgreementReport {
  return measureAgreement(
    dialogs.map((d) => ({ id: d.id, expected: d.expected, actual: auditDialog(d.input) })),
  );
}

const round = (x: number): number => Math.round(x * 1000) / 1000;
const cell = (r: AgreementReport, x: number): string =>
  r.dialogs === 0 ? '     -' : `${(x * 100).toFixed(1).padStart(5)}%`;

function parseSet(args: readonly string[]): FixtureSet {
  if (!args.includes('--set')) return 'corpus-heldout';
  const value = args[args.indexOf('--set') + 1];
  const set = FIXTURE_SETS.find((s) => s === value);
  if (!set) throw new Error(`--set takes one of ${FIXTURE_SETS.join(', ')}`);
  return set;
}

export async function main(args: string[]): Promise<void> {
  const split = parseSet(args);
  const dialogs = loadLabeledDialogs();
  const bySet = FIXTURE_SETS.map((set) => measure(dialogs.filter((d) => d.set === set)));
  const chosen = bySet[FIXTURE_SETS.indexOf(split)]!;

  console.error(
    `audit agreement (${FIXTURE_SETS.map((s, i) => `${s} ${bySet[i]!.dialogs}`).join(', ')})`,
  );
  console.error(`check               ${FIXTURE_SETS.map((s) => s.padStart(15)).join('')}`);
  chosen.perCheck.forEach((c, i) => {
    const cols = bySet.map((r) => cell(r, r.perCheck[i]!.agreement).padStart(15)).join('');
    console.error(`${c.check.padEnd(20)}${cols}`);
  });
  console.error(
    `${'overall'.padEnd(20)}${bySet.map((r) => cell(r, r.agreement).padStart(15)).join('')}`,
  );
  if (args.includes('--disagreements')) {
    if (split === 'corpus-heldout') {
      throw new Error('The held-out half is measured, never read: no disagreements for it.');
    }
    for (const d of chosen.disagreements) {
      console.error(
        `  ${d.id} ${d.check}: expected ${d.expected}, got ${d.actual} @${d.messageSeq} — ${d.reason}`,
      );
    }
  }

  for (const c of chosen.perCheck) {
    console.log(
      JSON.stringify({
        bench: 'audit-agreement',
        split,
        check: c.check,
        agreement: round(c.agreement),
        agree: c.agree,
        total: c.total,
      }),
    );
  }
  console.log(
    JSON.stringify({
      bench: 'audit-agreement',
      split,
      dialogs: chosen.dialogs,
      checks: chosen.checks,
      agreement: round(chosen.agreement),
      agree: chosen.agree,
      total: chosen.total,
    }),
  );
}
