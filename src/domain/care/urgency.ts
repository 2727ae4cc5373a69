/**
 * Angry or urgent clients (issue 17): whether one client message should flag
 * its conversation, and why. Pure and deterministic — a lexicon in Russian,
 * Ukrainian and English (urgency-lexicon.ts) plus signals of tone: shouting in
 * capitals, "!!!", "???" and "?!".
 *
 * A score rather than any-match, so that the hard cases stay calm: thanks
 * with "!!!" ("Спасибо!!!"), a polite complaint, a calm question about a
 * refund, capitals in acronyms, names and product codes (USB, ИВАН ПЕТРОВ,
 * XJ-900), and text the client quotes from an earlier e-mail ("> …"), which
 * is someone else's tone. Measured in docs/care.md (`npm run bench -- urgency`).
 */
import {
  DISCONTENT,
  GRATITUDE,
  LEXICON,
  POLITENESS,
  URGENCY_REASONS,
  type UrgencyReason,
} from './urgency-lexicon.js';

export { URGENCY_REASONS, type UrgencyReason } from './urgency-lexicon.js';

export interface Urgency {
  urgent: boolean;
  /** Sum of the signals' weights; urgent at URGENT_SCORE or more. */
  score: number;
  /** What counted, strongest first (empty when calm). */
  reasons: UrgencyReason[];
}

export const URGENT_SCORE = 2;

/** A demand, a threat, repeated contact and the like flag a message on their own. */
const STRONG = 3;
const PUNCTUATION = 2;
const MILD = 1;

const compile = (patterns: readonly string[]): RegExp =>
  new RegExp(`(?<![\\p{L}\\p{N}])(?:${patterns.join('|')})(?![\\p{L}\\p{N}])`, 'u');

const LEXICON_RE = Object.entries(LEXICON).map(
  ([reason, patterns]) => [reason as UrgencyReason, compile(patterns)] as const,
);
const GRATITUDE_RE = compile(GRATITUDE);
const POLITENESS_RE = compile(POLITENESS);
const DISCONTENT_RE = compile(DISCONTENT);

/** "!?", "?!", three or more "?" — impatience; "!!" and more — emphasis. */
const IMPATIENT = /\?!|!\?|\?{3,}/u;
const EMPHATIC = /!{2,}|\?\?/u;

/** Lines quoting an earlier message, and the "X wrote:" line that introduces them. */
const QUOTE_LINE = /^\s*>/u;
const ATTRIBUTION =
  /(?:wrote|писал|писала|писал\(а\)|написал|написала|писав|писала|написав|пише|пишет):\s*$/iu;

/** The client's own words: quoted lines (and their attribution) left out. */
export function ownText(text: string): string {
  const lines = text.split(/\r?\n/u);
  const kept = lines.filter((line, i) => {
    if (QUOTE_LINE.test(line)) return false;
    const next = lines.slice(i + 1).find((l) => l.trim() !== '');
    return !(ATTRIBUTION.test(line) && next !== undefined && QUOTE_LINE.test(next));
  });
  return kept.join('\n');
}

function normalize(text: string): string {
  return text.toLowerCase().replace(/ё/gu, 'е').replace(/[’ʼ`]/gu, "'");
}

/**
 * Shouting: most of the letters are capitals, in at least three words.
 * Tokens with digits (XJ-900, ERR_502) are codes, not words; one or two
 * capitalised words are a name or an acronym (JOHN SMITH, USB, ТОВ).
 */
export function isShouting(text: string): boolean {
  let upper = 0;
  let letters = 0;
  let upperWords = 0;
  let longUpperWord = false;
  for (const token of text.split(/\s+/u)) {
    if (/\p{N}/u.test(token)) continue;
    for (const word of token.match(/\p{L}+/gu) ?? []) {
      const caps = [...word].filter((ch) => ch !== ch.toLowerCase()).length;
      letters += word.length;
      upper += caps;
      if (caps === word.length && word.length >= 2) {
        upperWords += 1;
        if (word.length >= 5) longUpperWord = true;
      }
    }
  }
  return upperWords >= 3 && longUpperWord && letters > 0 && upper / letters >= 0.7;
}

/** Whether one client message is angry or urgent, and why. */
export function classifyUrgency(text: string): Urgency {
  const own = ownText(text);
  const lower = normalize(own);
  const found: { reason: UrgencyReason; weight: number }[] = [];
  for (const [reason, re] of LEXICON_RE) if (re.test(lower)) found.push({ reason, weight: STRONG });
  if (isShouting(own)) found.push({ reason: 'shouting', weight: STRONG });
  if (IMPATIENT.test(own)) found.push({ reason: 'punctuation', weight: PUNCTUATION });
  else if (EMPHATIC.test(own)) found.push({ reason: 'punctuation', weight: MILD });
  let score = found.reduce((sum, f) => sum + f.weight, 0);
  if (DISCONTENT_RE.test(lower)) score += MILD;
  if (GRATITUDE_RE.test(lower)) score -= 2;
  if (POLITENESS_RE.test(lower)) score -= 1;
  const urgent = score >= URGENT_SCORE && found.length > 0;
  const reasons = urgent
    ? [...found]
        .sort(
          (a, b) =>
            b.weight - a.weight ||
            URGENCY_REASONS.indexOf(a.reason) - URGENCY_REASONS.indexOf(b.reason),
        )
        .map((f) => f.reason)
    : [];
  return { urgent, score, reasons };
}

export interface LabeledMessage {
  id: string;
  lang: string;
  text: string;
  urgent: boolean;
}

export interface UrgencyMeasure {
  messages: number;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  /** Of the flagged, how many were labeled urgent; null when nothing was flagged. */
  precision: number | null;
  /** Of the labeled urgent, how many were flagged; null when none were labeled. */
  recall: number | null;
  misses: { id: string; expected: boolean; reasons: UrgencyReason[] }[];
}

/** Precision and recall of the classifier over labeled messages. */
export function measureUrgency(messages: readonly LabeledMessage[]): UrgencyMeasure {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  const misses: UrgencyMeasure['misses'] = [];
  for (const m of messages) {
    const got = classifyUrgency(m.text);
    if (got.urgent && m.urgent) tp += 1;
    if (got.urgent && !m.urgent) fp += 1;
    if (!got.urgent && m.urgent) fn += 1;
    if (got.urgent !== m.urgent)
      misses.push({ id: m.id, expected: m.urgent, reasons: got.reasons });
  }
  return {
    messages: messages.length,
    truePositives: tp,
    falsePositives: fp,
    falseNegatives: fn,
    precision: tp + fp === 0 ? null : tp / (tp + fp),
    recall: tp + fn === 0 ? null : tp / (tp + fn),
    misses,
  };
}
