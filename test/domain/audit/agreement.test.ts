import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AUDIT_CHECKS, auditDialog, measureAgreement } from '../../../src/domain/audit/index.js';
import { computeCorpus } from './fixtures/corpus/build.js';
import { type FixtureSet, loadLabeledDialogs } from './fixtures/load-fixtures.js';

// Thresholds, and why. The independent corpus (issue 19) is what counts: its
// held-out half was never read while tuning, so its figures are the honest
// estimate for dialogs nobody here wrote. They are pinned at what the checks
// reach there (docs/audit.md: 97.8 % overall, every check >= 95.1 % since
// AUDIT_VERSION 3): 0.975 overall, 0.95 per check — the target; one
// dialog moves a per-check figure by 0.6 %, so a real regression trips them.
// The sets written here (tuning, holdout, challenge) follow the code's own
// conventions and stay near 1; the development half was tuned on (99.5 %) and
// must stay above 0.99.
const HELDOUT_OVERALL = 0.975;
const HELDOUT_PER_CHECK = 0.95;
const DEV_OVERALL = 0.99;
const OWN_OVERALL = 0.97;

const agreementOn = (set?: FixtureSet) =>
  measureAgreement(
    loadLabeledDialogs(set).map((d) => ({
      id: d.id,
      expected: d.expected,
      actual: auditDialog(d.input),
    })),
  );

describe('the independent corpus', () => {
  it('holds at least 300 dialogs written, split once into two disjoint halves by the recorded seed', () => {
    const corpus = computeCorpus();
    expect(corpus.all.length).toBeGreaterThanOrEqual(300);
    const dev = loadLabeledDialogs('corpus-dev').map((d) => d.id);
    const heldout = loadLabeledDialogs('corpus-heldout').map((d) => d.id);
    // The committed halves are exactly what the seed gives from the raw files.
    expect(dev).toEqual(corpus.dev.map((x) => x.dialog.id).sort());
    expect(heldout).toEqual(corpus.heldout.map((x) => x.dialog.id).sort());
    expect(new Set([...dev, ...heldout]).size).toBe(dev.length + heldout.length);
    expect(Math.abs(dev.length - heldout.length)).toBeLessThanOrEqual(4);
  });

  it('keeps only dialogs both labellers agree on in every check, and records their agreement', () => {
    const corpus = computeCorpus();
    for (const x of corpus.agreed)
      for (const c of AUDIT_CHECKS) expect(x.first[c]).toBe(x.second[c]);
    const iaa = JSON.parse(
      readFileSync(new URL('./fixtures/corpus/iaa.json', import.meta.url), 'utf8'),
    ) as { perCheck: unknown };
    expect(iaa.perCheck).toEqual(corpus.perCheck);
  });

  it(`agrees on ${HELDOUT_OVERALL} of the held-out outcomes and ${HELDOUT_PER_CHECK} per check`, () => {
    const report = agreementOn('corpus-heldout');
    // Figures only: the held-out disagreements are never printed.
    expect(report.agreement).toBeGreaterThanOrEqual(HELDOUT_OVERALL);
    for (const c of report.perCheck)
      expect(c.agreement, c.check).toBeGreaterThanOrEqual(HELDOUT_PER_CHECK);
  });

  it(`agrees on at least ${DEV_OVERALL} of the development half`, () => {
    const report = agreementOn('corpus-dev');
    expect(report.agreement, JSON.stringify(report.disagreements, null, 1)).toBeGreaterThanOrEqual(
      DEV_OVERALL,
    );
  });
});

describe('the sets written here', () => {
  it('labels every check of every dialog', () => {
    for (const d of loadLabeledDialogs())
      expect(Object.keys(d.expected).sort()).toEqual([...AUDIT_CHECKS].sort());
  });

  it(`agrees on at least ${OWN_OVERALL} of them, the held-out one included`, () => {
    for (const set of ['tuning', 'holdout', 'challenge'] as const) {
      const report = agreementOn(set);
      expect(
        report.agreement,
        JSON.stringify(report.disagreements, null, 1),
      ).toBeGreaterThanOrEqual(OWN_OVERALL);
    }
  });
});

describe('measureAgreement', () => {
  it('counts exact matches per check and lists the disagreements', () => {
    const [first] = loadLabeledDialogs('tuning');
    const actual = auditDialog(first!.input);
    const flipped = {
      ...first!.expected,
      greeting: actual.checks[0]!.outcome === 'pass' ? 'fail' : 'pass',
    } as const;
    const report = measureAgreement([{ id: 'x', expected: flipped, actual }]);
    expect(report.perCheck.find((c) => c.check === 'greeting')?.agreement).toBe(0);
    expect(report.disagreements.map((d) => d.check)).toContain('greeting');
  });

  it('leaves a check out of its count when there is no label for it (an older review)', () => {
    const [first] = loadLabeledDialogs('tuning');
    const actual = auditDialog(first!.input);
    const { no_brush_off: _, ...older } = first!.expected;
    const report = measureAgreement([{ id: 'x', expected: older, actual }]);
    expect(report.perCheck.find((c) => c.check === 'no_brush_off')?.total).toBe(0);
    expect(report.total).toBe(AUDIT_CHECKS.length - 1);
  });
});
