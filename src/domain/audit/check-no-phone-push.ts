import { type AnalyzedMessage, coveredBy, has, hits, spanOf } from './analyze.js';
import type { Dialog } from './dialog.js';
import type { Concept } from './lexicon-types.js';
import type { Sentence } from './normalize.js';
import { fail, NO_OPERATOR, notApplicable, pass } from './outcome.js';
import { phoneAskHit } from './substance.js';
import type { AuditCheckResult } from './types.js';

// A phone number as people type it: 9–13 digits with a "+" or grouping
// ("8 800 555-35-35", "+1 (800) 555-0199"). Ungrouped digit runs are left
// alone because order and contract numbers look exactly like that.
const PHONE_LIKE = /\+?\d[\d\s\-()]{7,}\d/g;

export function phoneNumberSpan(text: string): [number, number] | null {
  for (const match of text.matchAll(PHONE_LIKE)) {
    const digits = match[0].replace(/\D/g, '').length;
    if (digits >= 9 && digits <= 13 && /[+\s\-()]/.test(match[0])) {
      const start = match.index ?? 0;
      return [start, start + match[0].length];
    }
  }
  return null;
}

export function containsPhoneNumber(text: string): boolean {
  return phoneNumberSpan(text) !== null;
}

/**
 * The concept's first occurrence without a negation next to it in the same
 * clause ("не могу звонить", "can't call", "позвонить вам не могу"); a
 * negation across a comma belongs to another clause ("Если кода нет, позвоните").
 */
function unnegatedHit(sentence: Sentence, concept: Concept): number[] | null {
  const negations = coveredBy(sentence, ['negation']);
  const tokens = sentence.tokens;
  const negatedAt = (i: number, from: number, to: number): boolean => {
    if (!negations.has(i)) return false;
    // No clause break between the negation and the phrase.
    for (let k = Math.min(from, i); k < Math.max(to, i); k++)
      if (tokens[k]?.breakAfter) return false;
    return true;
  };
  return (
    hits(sentence, concept).find((hit) => {
      const start = Math.min(...hit);
      const end = Math.max(...hit);
      return ![start - 1, start - 2, end + 1, end + 2].some((i) => negatedAt(i, start, end));
    }) ?? null
  );
}

function saysUnnegated(message: AnalyzedMessage, concept: Concept): boolean {
  return message.sentences.some((s) => unnegatedHit(s, concept) !== null);
}

/**
 * Where an operator message moves the client to the phone: offering or asking
 * to talk by phone, a phone line, a call-back, a number to call. Asking for
 * the phone number an order or account is registered to identifies the client
 * and is not a push.
 */
function pushSpan(message: AnalyzedMessage): [number, number] | null {
  // "Your phone number, please — I'll look up the order": the purpose may sit in the next sentence.
  const asksToIdentify = message.sentences.some((s) => has(s, 'identify'));
  for (const s of message.sentences) {
    // "What name can I call you?" asks for the name.
    if (has(s, 'name_ask')) continue;
    const push = unnegatedHit(s, 'phone_push');
    if (push) return spanOf(s, push);
    const ask = unnegatedHit(s, 'phone_ask');
    // "перевод отправляли по номеру телефона?": the number as a means, not asked for.
    if (ask && !asksToIdentify && phoneAskHit(s, ask)) return spanOf(s, ask);
    // A number to call is a push unless that very sentence is about the account ("ваш номер +7 916… привязан?").
    const number = has(s, 'identify')
      ? null
      : phoneNumberSpan(message.text.slice(s.start, s.end + 1));
    if (number) return [s.start + number[0], s.start + number[1]];
  }
  return null;
}

/**
 * 5 no_phone_push — the operator does not push the client to the phone unless
 * the client asked for a call earlier.
 */
export function checkNoPhonePush(dialog: Dialog): AuditCheckResult {
  if (!dialog.taken) return notApplicable('no_phone_push', NO_OPERATOR);
  const request = dialog.messages.find(
    (m) => m.author === 'contact' && saysUnnegated(m, 'call_request'),
  );
  for (const m of dialog.operator) {
    if (request !== undefined && m.index > request.index) break;
    const span = pushSpan(m);
    if (span) {
      return fail(
        'no_phone_push',
        m.seq,
        'The operator moves the client to the phone without being asked.',
        span,
      );
    }
  }
  return request
    ? pass('no_phone_push', null, 'The phone only comes up after the client asked for a call.')
    : pass('no_phone_push', null, 'The operator keeps the conversation in the chat.');
}
