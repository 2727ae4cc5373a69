import { messageHas } from './analyze.js';
import type { Dialog } from './dialog.js';
import { addressesName } from './names.js';
import { fail, NO_OPERATOR, notApplicable, pass } from './outcome.js';
import type { AuditCheckResult } from './types.js';

/**
 * 2 name — once the client's name is known (form or said in the dialog) an
 * operator message after that point uses it, in any case form or diminutive;
 * if it never becomes known, the operator asks how to address the client.
 */
export function checkName(dialog: Dialog): AuditCheckResult {
  if (dialog.operator.length === 0) return notApplicable('name', NO_OPERATOR);
  const [firstKnown] = dialog.names;
  if (firstKnown) {
    const addressed = dialog.operator.find((m) =>
      dialog.names.some((n) => m.index > n.knownFrom && addressesName(m, n.keys)),
    );
    return addressed
      ? pass('name', addressed.seq, 'The operator addresses the client by name.')
      : fail(
          'name',
          firstKnown.sourceSeq,
          "The client's name is known but the operator never uses it.",
        );
  }
  const asked = dialog.operator.find((m) => messageHas(m, 'name_ask'));
  return asked
    ? pass(
        'name',
        asked.seq,
        'The name is unknown and the operator asks how to address the client.',
      )
    : fail('name', null, 'The name is unknown and the operator never asks for it.');
}
