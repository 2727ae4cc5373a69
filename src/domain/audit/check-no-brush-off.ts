import { type AnalyzedMessage, has, hits, spanOf } from './analyze.js';
import { customSpan } from './custom-phrases.js';
import type { Dialog } from './dialog.js';
import type { Sentence } from './normalize.js';
import { fail, NO_OPERATOR, notApplicable, pass } from './outcome.js';
import type { AuditCheckResult } from './types.js';

/** "See our website", "всё есть в FAQ": a place to read plus sending the client there. */
function brushOffHit(sentence: Sentence): number[] | null {
  const place = hits(sentence, 'brush_place')[0];
  if (!place || !has(sentence, 'brush_verb')) return null;
  const verb = hits(sentence, 'brush_verb')[0] ?? [];
  return [...place, ...verb];
}

/**
 * 10 no_brush_off — the operator does not send the client to the website,
 * FAQ, help centre or documentation instead of helping. A link for details
 * given with an answer (in the same message, or after an earlier answer) is
 * helping. An account's banned phrases fail this check wherever they appear.
 */
export function checkNoBrushOff(dialog: Dialog): AuditCheckResult {
  if (!dialog.taken) return notApplicable('no_brush_off', NO_OPERATOR);
  let helped = false;
  for (const m of dialog.operator) {
    const banned = customSpan(m, dialog.custom.banned);
    if (banned) {
      return fail('no_brush_off', m.seq, 'The operator uses a phrase the account bans.', banned);
    }
    const brush = brushOff(dialog, m);
    // Sending the client to the phone is no more help than sending them to the site.
    const answers = m.sentences.some(
      (s) =>
        dialog.act(s) === 'answer' &&
        !brushOffHit(s) &&
        !has(s, 'phone_push') &&
        !has(s, 'phone_ask'),
    );
    if (brush && !helped && !answers) {
      return fail(
        'no_brush_off',
        m.seq,
        'The operator sends the client to the website or FAQ instead of helping.',
        brush,
      );
    }
    if (answers) helped = true;
  }
  return pass('no_brush_off', null, 'The operator helps rather than sending the client away.');
}

function brushOff(_dialog: Dialog, m: AnalyzedMessage): [number, number] | null {
  for (const s of m.sentences) {
    const hit = brushOffHit(s);
    if (hit) return spanOf(s, hit);
  }
  return null;
}
