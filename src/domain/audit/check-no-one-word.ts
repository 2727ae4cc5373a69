import type { Dialog } from './dialog.js';
import { fail, NO_OPERATOR, notApplicable, pass } from './outcome.js';
import { isOneWordReply } from './substance.js';
import type { AuditCheckResult } from './types.js';

/** 4 no_one_word — no operator message is a bare one-word reply ("да", "ні", "ok", "не знаю"). */
export function checkNoOneWord(dialog: Dialog): AuditCheckResult {
  if (!dialog.taken) return notApplicable('no_one_word', NO_OPERATOR);
  const bare = dialog.operator.find((m) => isOneWordReply(m, dialog.nameKeys));
  if (!bare) return pass('no_one_word', null, 'No operator message is a bare one-word reply.');
  const first = bare.sentences[0];
  const last = bare.sentences.at(-1);
  return fail(
    'no_one_word',
    bare.seq,
    'The operator replies with a bare one-word message.',
    first && last ? [first.start, last.end] : null,
  );
}
