import type { AnalyzedMessage } from './analyze.js';
import { findSpan } from './analyze.js';
import type { Dialog } from './dialog.js';
import { tokenIsName } from './names.js';
import { fail, NO_OPERATOR, notApplicable, pass } from './outcome.js';
import type { AuditCheckResult } from './types.js';

/** Where the message addresses one of these name keys, or null. */
export function nameSpan(
  message: AnalyzedMessage,
  keys: readonly string[],
): [number, number] | null {
  const token = message.words.find((t) => tokenIsName(t, keys));
  return token ? [token.start, token.end] : null;
}

/**
 * 2 name — once the client's name is known (form or said in the dialog) an
 * operator message after that point uses it, in any case form or diminutive;
 * if it never becomes known, the operator asks how to address the client.
 */
export function checkName(dialog: Dialog): AuditCheckResult {
  if (!dialog.taken) return notApplicable('name', NO_OPERATOR);
  const [firstKnown] = dialog.names;
  if (firstKnown) {
    for (const m of dialog.operator) {
      for (const n of dialog.names) {
        const span = m.index > n.knownFrom ? nameSpan(m, n.keys) : null;
        if (span) return pass('name', m.seq, 'The operator addresses the client by name.', span);
      }
    }
    const source = dialog.messages.find((m) => m.seq === firstKnown.sourceSeq);
    return fail(
      'name',
      firstKnown.sourceSeq,
      "The client's name is known but the operator never uses it.",
      source ? nameSpan(source, firstKnown.keys) : null,
    );
  }
  for (const m of dialog.operator) {
    const span = findSpan(m, 'name_ask');
    if (span) {
      return pass(
        'name',
        m.seq,
        'The name is unknown and the operator asks how to address the client.',
        span,
      );
    }
  }
  return fail('name', null, 'The name is unknown and the operator never asks for it.');
}
