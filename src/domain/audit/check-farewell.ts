import { type AnalyzedMessage, has, spanOf } from './analyze.js';
import { customSpan } from './custom-phrases.js';
import type { Dialog } from './dialog.js';
import { addressesName } from './names.js';
import { fail, NO_OPERATOR, notApplicable, pass } from './outcome.js';
import { farewellHit } from './substance.js';
import type { AuditCheckResult } from './types.js';

/** Operator messages sent together with `m`, with no client message in between. */
function sameTurn(dialog: Dialog, m: AnalyzedMessage): AnalyzedMessage[] {
  const turn: AnalyzedMessage[] = [];
  for (const step of [-1, 1]) {
    for (let i = m.index + step; i >= 0 && i < dialog.messages.length; i += step) {
      const other = dialog.messages[i]!;
      if (other.author === 'contact') break;
      if (other.author === 'operator') turn.push(other);
    }
  }
  return [m, ...turn];
}

/** Where the message says goodbye (built-in or account phrase), or null. */
function farewellSpan(dialog: Dialog, m: AnalyzedMessage): [number, number] | null {
  const first = dialog.operator[0] === m;
  for (const s of m.sentences) {
    // In the first message "Доброго дня" greets rather than takes leave.
    if (first && has(s, 'greeting')) continue;
    const hit = farewellHit(s, m);
    if (hit) return spanOf(s, hit);
  }
  return customSpan(m, dialog.custom.farewell);
}

/**
 * 9 farewell — the operator says goodbye, by name when the name is known by
 * then (in the goodbye or in the operator's messages of the same turn). In
 * the first operator message a sentence that greets is not a goodbye, because
 * "Доброго дня" greets there and takes leave at the end.
 */
export function checkFarewell(dialog: Dialog): AuditCheckResult {
  if (!dialog.taken) return notApplicable('farewell', NO_OPERATOR);
  const farewells = dialog.operator
    .map((m) => ({ m, span: farewellSpan(dialog, m) }))
    .filter((f): f is { m: AnalyzedMessage; span: [number, number] } => f.span !== null);
  const last = farewells.at(-1);
  if (!last) return fail('farewell', null, 'The operator never says goodbye.');
  const named = farewells.find(({ m: f }) => {
    const known = dialog.names.filter((n) => n.knownFrom < f.index);
    return (
      known.length === 0 ||
      sameTurn(dialog, f).some((m) => known.some((n) => addressesName(m, n.keys)))
    );
  });
  if (named) {
    const byName = dialog.names.some((n) => n.knownFrom < named.m.index);
    return pass(
      'farewell',
      named.m.seq,
      byName ? 'The operator says goodbye by name.' : 'The operator says goodbye.',
      named.span,
    );
  }
  return fail(
    'farewell',
    last.m.seq,
    'The operator says goodbye without the name, which is known.',
    last.span,
  );
}
