import type { AuditLanguage } from './types.js';

/**
 * What a phrase signals. Operator-side: greeting … presence_check; contact-side:
 * call_request, name_intro, name_intro_weak. Formula concepts (greeting, thanks,
 * welcome, apology, ack, self_intro) are subtracted when deciding whether a
 * sentence carries substance.
 */
export type Concept =
  | 'greeting'
  | 'farewell'
  /** Farewells that are also ordinary words ("пока" = "meanwhile"): only in very short messages. */
  | 'farewell_short'
  /** A wish that takes leave when it opens a statement ("Хорошей игры!", "Гарної подорожі", "Safe travels"). */
  | 'farewell_wish'
  | 'how_can_help'
  | 'name_ask'
  /** "меня зовут" — the next word is the client's name whatever its case. */
  | 'name_intro'
  /** "я", "I'm" — the next word is a name only if capitalised and followed by a break. */
  | 'name_intro_weak'
  | 'helped'
  | 'anything_else'
  /** Bare waits ("минутку", "one moment"): courtesy, not a warning — they announce no time and no work. */
  | 'wait'
  /** Saying what the operator is doing ("проверю", "let me check"): a warning. */
  | 'wait_check'
  /** Announcing that it will take time ("займет пару минут", "a few minutes"): a warning. */
  | 'wait_time'
  /** Where a brush-off sends the client: the site, the FAQ, the help centre, the docs. */
  | 'brush_place'
  /** A part of a site or document ("раздел", "page", "правила"): a place only with a brush_verb. */
  | 'brush_section'
  /** Sending the client to read it there ("посмотрите", "see", "everything is…"). */
  | 'brush_verb'
  /** A hedge that answers nothing ("зависит", "hard to say", "не можу сказати"): not help. */
  | 'hedge'
  /** Offering to do something ("хотите, оформлю?", "want me to…?"): a question, not about the outcome. */
  | 'offer'
  /** What a phone number asked for identifies: the order, the account, the profile. */
  | 'identify'
  /** Asking for the client's phone number (identification, not a question about the problem). */
  | 'phone_ask'
  /** Sending the client to a phone line or announcing a call. */
  | 'phone_push'
  | 'call_request'
  /** Imperatives that make a sentence a question without "?" ("уточните номер заказа"). */
  | 'clarify_request'
  | 'bare_reply'
  | 'thanks'
  | 'welcome'
  | 'apology'
  | 'ack'
  | 'self_intro'
  | 'presence_check'
  /** Handing the dialog to a colleague or department: procedure, not the answer. */
  | 'transfer'
  | 'negation';

/**
 * Phrase syntax, one phrase per string:
 * - words are compared by stem (and by surface form with one typo allowed from 5 letters);
 * - `=word` compares that word's surface form only (one typo allowed from 5 letters) — for
 *   tense-bearing verbs such as "=проверю", whose stem would also match the past "проверил";
 * - words of up to three letters ("да", "hi", "я") are always compared exactly;
 * - words must appear in order with at most two other words between neighbours;
 * - a leading `&` drops the order: all words anywhere in the sentence ("&ещё вопросы").
 */
export interface LanguageLexicon {
  language: AuditLanguage;
  phrases: Readonly<Record<Concept, readonly string[]>>;
  /** Words that carry no content about the problem (pronouns, prepositions, politeness). */
  stopwords: readonly string[];
  /** Sentence-initial words that make an unterminated sentence a question. */
  interrogatives: readonly string[];
  /** Words around a name that are not the name ("просто", "можно", "зовите"). */
  nameFillers: readonly string[];
}
