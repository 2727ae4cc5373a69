// An account's own audit phrases (greeting, farewell, banned) compiled once per
// audit and looked up per sentence beside the built-in lexicons.
import { type AnalyzedMessage, spanOf } from './analyze.js';
import { type CustomPhrase, compileCustomPhrase, findCustom } from './phrase-matcher.js';
import {
  AUDIT_LANGUAGES,
  AUDIT_PHRASE_KINDS,
  type AuditPhraseKind,
  type AuditSettings,
} from './types.js';

export type CustomPhrases = Readonly<Record<AuditPhraseKind, readonly CustomPhrase[]>>;

export function compileSettingsPhrases(settings: AuditSettings): CustomPhrases {
  const out: Record<AuditPhraseKind, CustomPhrase[]> = { greeting: [], farewell: [], banned: [] };
  for (const lang of AUDIT_LANGUAGES) {
    for (const kind of AUDIT_PHRASE_KINDS) {
      for (const text of settings.phrases[lang]?.[kind] ?? []) {
        const phrase = compileCustomPhrase(lang, text);
        if (phrase) out[kind].push(phrase);
      }
    }
  }
  return out;
}

/** The first account phrase of that kind in the message, as a span, or null. */
export function customSpan(
  message: AnalyzedMessage,
  phrases: readonly CustomPhrase[],
): [number, number] | null {
  if (phrases.length === 0) return null;
  for (const s of message.sentences) {
    const hit = findCustom(s.tokens, phrases)[0];
    if (hit) return spanOf(s, hit);
  }
  return null;
}
