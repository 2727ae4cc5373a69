import { type AnalyzedMessage, coveredBy, hits } from './analyze.js';
import type { Dialog } from './dialog.js';
import type { Concept } from './lexicon-types.js';
import { fail, NO_OPERATOR, notApplicable, pass } from './outcome.js';
import type { AuditCheckResult } from './types.js';

// A phone number as people type it: 9–13 digits with a "+" or grouping
// ("8 800 555-35-35", "+1 (800) 555-0199"). Ungrouped digit runs are left
// alone because order and contract numbers look exactly like that.
const PHONE_LIKE = /\+?\d[\d\s\-()]{7,}\d/g;

export function containsPhoneNumber(text: string): boolean {
  for (const match of text.matchAll(PHONE_LIKE)) {
    const digits = match[0].replace(/\D/g, '').length;
    if (digits >= 9 && digits <= 13 && /[+\s\-()]/.test(match[0])) return true;
  }
  return false;
}

/** The concept occurs without a negation just before it ("не могу звонить", "can't call"). */
function saysUnnegated(message: AnalyzedMessage, concept: Concept): boolean {
  return message.sentences.some((s) => {
    const negations = coveredBy(s, ['negation']);
    return hits(s, concept).some((hit) => {
      const start = Math.min(...hit);
      return !negations.has(start - 1) && !negations.has(start - 2);
    });
  });
}

/**
 * 5 no_phone_push — the operator neither asks for a phone number nor sends the
 * client to a phone line, unless the client asked for a call earlier.
 */
export function checkNoPhonePush(dialog: Dialog): AuditCheckResult {
  if (dialog.operator.length === 0) return notApplicable('no_phone_push', NO_OPERATOR);
  const request = dialog.messages.find(
    (m) => m.author === 'contact' && saysUnnegated(m, 'call_request'),
  );
  const push = dialog.operator.find(
    (m) =>
      (request === undefined || m.index < request.index) &&
      (saysUnnegated(m, 'phone_ask') ||
        saysUnnegated(m, 'phone_push') ||
        containsPhoneNumber(m.text)),
  );
  if (push) {
    return fail(
      'no_phone_push',
      push.seq,
      'The operator moves the client to the phone without being asked.',
    );
  }
  return request
    ? pass('no_phone_push', null, 'The phone only comes up after the client asked for a call.')
    : pass('no_phone_push', null, 'The operator keeps the conversation in the chat.');
}
