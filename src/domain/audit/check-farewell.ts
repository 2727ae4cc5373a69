import type { AnalyzedMessage } from './analyze.js';
import type { Dialog } from './dialog.js';
import { addressesName } from './names.js';
import { fail, NO_OPERATOR, notApplicable, pass } from './outcome.js';
import { isFarewell } from './substance.js';
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

/**
 * 9 farewell — the operator says goodbye, by name when the name is known by
 * then (in the goodbye or in the operator's messages of the same turn). The
 * first operator message is skipped when there are others, because "Доброго
 * дня" greets there and takes leave at the end.
 */
export function checkFarewell(dialog: Dialog): AuditCheckResult {
  if (dialog.operator.length === 0) return notApplicable('farewell', NO_OPERATOR);
  const candidates = dialog.operator.length > 1 ? dialog.operator.slice(1) : dialog.operator;
  const farewells = candidates.filter((m) => m.sentences.some((s) => isFarewell(s, m)));
  const last = farewells.at(-1);
  if (!last) return fail('farewell', null, 'The operator never says goodbye.');
  const named = farewells.find((f) => {
    const known = dialog.names.filter((n) => n.knownFrom < f.index);
    return (
      known.length === 0 ||
      sameTurn(dialog, f).some((m) => known.some((n) => addressesName(m, n.keys)))
    );
  });
  if (named) {
    const byName = dialog.names.some((n) => n.knownFrom < named.index);
    return pass(
      'farewell',
      named.seq,
      byName ? 'The operator says goodbye by name.' : 'The operator says goodbye.',
    );
  }
  return fail('farewell', last.seq, 'The operator says goodbye without the name, which is known.');
}
