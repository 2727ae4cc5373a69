// The audit's public shapes. Kept free of imports so that stores, reports and
// the web app can depend on them without pulling in lexicons or stemmers.

export type AuditAuthor = 'contact' | 'operator' | 'bot' | 'system';

export interface AuditMessage {
  seq: number;
  author: AuditAuthor;
  text: string;
  /** ms since epoch */
  at: number;
}

export interface AuditInput {
  messages: readonly AuditMessage[];
  /** From the pre-chat form or the contact card; placeholders like "Guest 12" count as unknown. */
  contactName: string | null;
  /**
   * An operator took the dialog (it was assigned), even if they never wrote.
   * Defaults to "an operator message exists". Only a dialog nobody took is out
   * of the score: a taken one the operator never answered fails the checks it
   * never did.
   */
  taken?: boolean;
}

export type AuditLanguage = 'ru' | 'uk' | 'en';

/** Kinds of phrase an account can add to the defaults, per language. */
export type AuditPhraseKind = 'greeting' | 'farewell' | 'banned';

export const AUDIT_PHRASE_KINDS: readonly AuditPhraseKind[] = ['greeting', 'farewell', 'banned'];
export const AUDIT_LANGUAGES: readonly AuditLanguage[] = ['ru', 'uk', 'en'];

/**
 * An account's own audit settings (admin console, migration 025). Disabled
 * checks come out as `na` and so leave the score; added phrases count beside
 * the built-in lexicons — greeting and farewell phrases pass those checks,
 * a banned phrase fails `no_brush_off` wherever an operator writes it.
 */
export interface AuditSettings {
  disabled: readonly AuditCheckId[];
  phrases: Readonly<Record<AuditLanguage, Readonly<Record<AuditPhraseKind, readonly string[]>>>>;
}

export type AuditCheckId =
  | 'greeting'
  | 'name'
  | 'clarifying_question'
  | 'no_one_word'
  | 'no_phone_push'
  | 'wait_warning'
  | 'helped_check'
  | 'anything_else'
  | 'farewell'
  | 'no_brush_off';

export type AuditOutcome = 'pass' | 'fail' | 'na';

export interface AuditCheckResult {
  check: AuditCheckId;
  outcome: AuditOutcome;
  /** The message the outcome refers to, or null when there is none (e.g. "never asked"). */
  messageSeq: number | null;
  /** Short English explanation for coaching pages. */
  reason: string;
  /** The deciding phrase inside that message: UTF-16 offsets [start, end) of its text, or null. */
  span: readonly [number, number] | null;
}

export interface AuditResult {
  /** Always all ten checks, in AUDIT_CHECKS order. */
  checks: AuditCheckResult[];
  /** passed / applicable, 0..1; 1 when no check applies. */
  score: number;
}

export const AUDIT_CHECKS: readonly AuditCheckId[] = [
  'greeting',
  'name',
  'clarifying_question',
  'no_one_word',
  'no_phone_push',
  'wait_warning',
  'helped_check',
  'anything_else',
  'farewell',
  'no_brush_off',
];

/** Builds the per-language phrase lists from one function of language and kind. */
export function buildAuditPhrases(
  pick: (lang: AuditLanguage, kind: AuditPhraseKind) => readonly string[],
): AuditSettings['phrases'] {
  const forLang = (lang: AuditLanguage) => ({
    greeting: pick(lang, 'greeting'),
    farewell: pick(lang, 'farewell'),
    banned: pick(lang, 'banned'),
  });
  return { ru: forLang('ru'), uk: forLang('uk'), en: forLang('en') };
}

export const DEFAULT_AUDIT_SETTINGS: AuditSettings = {
  disabled: [],
  phrases: buildAuditPhrases(() => []),
};
