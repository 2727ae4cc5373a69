import { type AnalyzedMessage, coveredBy, has, hits, spanOf } from './analyze.js';
import { customSpan } from './custom-phrases.js';
import type { Dialog } from './dialog.js';
import { containsLink, type Sentence } from './normalize.js';
import { fail, NO_OPERATOR, notApplicable, pass } from './outcome.js';
import type { AuditCheckResult } from './types.js';

/**
 * A sentence that points the client somewhere to read: the site, the FAQ, the
 * help centre, the docs or a link ("Size limits are listed on our website",
 * "Ця помилка описана в нашому FAQ"), or a page or section of them with a
 * word saying it is there ("описаны в разделе «Возврат»"). Questions do not
 * send anyone anywhere.
 */
export function referralSpan(
  dialog: Dialog,
  message: AnalyzedMessage,
  sentence: Sentence,
): [number, number] | null {
  if (dialog.act(sentence) === 'question') return null;
  const verb = hits(sentence, 'brush_verb')[0];
  if (!verb) return null;
  const place = hits(sentence, 'brush_place')[0];
  if (place) return spanOf(sentence, [...place, ...verb]);
  // A link sent to pay or to sign is help; a link to read ("please see https://…") is not.
  if (containsLink(message.text.slice(sentence.start, sentence.end + 1))) {
    return [sentence.start, sentence.end];
  }
  const section = hits(sentence, 'brush_section')[0];
  return section ? spanOf(sentence, [...section, ...verb]) : null;
}

/**
 * A referral that answers as well: it opens with yes or no ("Да, есть —
 * купить можно на сайте") or gives figures ("от 1000 до 10000 рублей").
 */
function answersToo(message: AnalyzedMessage, sentence: Sentence): boolean {
  return coveredBy(sentence, ['bare_reply']).has(0) || givesFigures(message, sentence);
}

function givesFigures(message: AnalyzedMessage, sentence: Sentence): boolean {
  const text = message.text.slice(sentence.start, sentence.end);
  return /\d/.test(text.replace(/\S*[./@]\S*/g, ''));
}

const YES_NO = new Set(['да', 'нет', 'так', 'ні', 'yes', 'no', 'yep', 'nope']);

/** "Да, можно.", "Ні, не потрібно.": a yes or no that answers a question, whatever follows. */
function saysYesOrNo(s: Sentence): boolean {
  const first = s.tokens[0];
  return !s.question && first !== undefined && YES_NO.has(first.word);
}

/** The words a hedge governs: "depends on …", "зависит от …", "залежить від …". */
const HEDGE_OBJECT = new Set(['on', 'upon', 'от', 'від', 'од']);

/**
 * A hedge answers nothing: "Зависит от тарифа", "Hard to say", "Не можу сказати
 * точно" — nor does its elliptical completion in the next sentence ("Depends." —
 * "on what" — "On your policy type."). A hedge that gives figures
 * ("зависит от тарифа: 100 или 500 ГБ") answers.
 */
function hedges(m: AnalyzedMessage, s: Sentence, afterHedge: boolean): boolean {
  if (givesFigures(m, s)) return false;
  if (has(s, 'hedge')) return true;
  const first = s.tokens[0];
  return afterHedge && first !== undefined && HEDGE_OBJECT.has(first.word);
}

/** A sentence that helps: an answer that neither hedges, sends the client away nor to the phone. */
function helps(dialog: Dialog, m: AnalyzedMessage, s: Sentence, hedge: boolean): boolean {
  return (
    dialog.act(s) === 'answer' &&
    !hedge &&
    referralSpan(dialog, m, s) === null &&
    !has(s, 'phone_push') &&
    !has(s, 'phone_ask')
  );
}

/**
 * 10 no_brush_off — the operator does not send the client to the website,
 * FAQ, help centre or documentation instead of helping. Judged per operator
 * turn (the operator's messages between two client messages): a turn that
 * points somewhere to read and answers nothing itself is a brush-off; a link
 * for details beside an answer is help, a hedge ("it depends", "не знаю") is
 * not. An account's banned phrases fail the
 * check wherever an operator writes them.
 */
export function checkNoBrushOff(dialog: Dialog): AuditCheckResult {
  if (!dialog.taken) return notApplicable('no_brush_off', NO_OPERATOR);
  let referral: { m: AnalyzedMessage; span: [number, number] } | null = null;
  let helped = false;
  let afterHedge = false;
  const brushedOff = () => referral !== null && !helped;
  for (const m of dialog.messages) {
    if (m.author === 'contact') {
      if (brushedOff()) break;
      referral = null;
      helped = false;
      continue;
    }
    if (m.author !== 'operator') continue;
    const banned = customSpan(m, dialog.custom.banned);
    if (banned) {
      return fail('no_brush_off', m.seq, 'The operator uses a phrase the account bans.', banned);
    }
    for (const s of m.sentences) {
      const hedge = hedges(m, s, afterHedge);
      afterHedge = hedge;
      const span = referralSpan(dialog, m, s);
      if (span && !hedge && answersToo(m, s)) helped = true;
      else if (span) referral ??= { m, span };
      else if (helps(dialog, m, s, hedge) || (!hedge && saysYesOrNo(s))) helped = true;
    }
  }
  if (referral && !helped) {
    return fail(
      'no_brush_off',
      referral.m.seq,
      'The operator sends the client to the website or FAQ instead of helping.',
      referral.span,
    );
  }
  return pass('no_brush_off', null, 'The operator helps rather than sending the client away.');
}
