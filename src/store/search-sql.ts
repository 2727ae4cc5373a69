// The documents full-text search indexes (migration 017) and queries
// (src/store/queries/search.ts): messages.search_vector is generated from
// messageDocumentSql; contacts are searched through an expression index,
// which serves a query only when its expression is the indexed one,
// character for character. Changing these needs a migration.
//
// Case is folded here, not by PostgreSQL: the embedded server runs in the C
// locale, where lower() and the text search parser fold ASCII only, so
// "Заказ" would stay "Заказ". translate() maps Cyrillic capitals (Russian,
// Ukrainian, Belarusian) to small letters and ё to е, the same on every locale.
import { sql } from 'kysely';

export const FOLD_FROM = 'АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯІЇЄҐЎё';
export const FOLD_TO = 'абвгдеежзийклмнопрстуфхцчшщъыьэюяіїєґўе';

/** SQL text of a message's document (messages.search_vector's generation expression). */
export function messageDocumentSql(column: string): string {
  return `to_tsvector('russian'::regconfig, translate(${column}, '${FOLD_FROM}', '${FOLD_TO}'))`;
}

/** SQL text of a contact's document: name, e-mail and the phone's digits (contacts_search). */
export function contactDocumentSql(prefix = ''): string {
  const c = (name: string) => `${prefix}${name}`;
  return `to_tsvector('simple'::regconfig, translate(coalesce(${c('name')}, '') || ' ' || coalesce(${c('email')}, '') || ' ' || regexp_replace(coalesce(${c('phone')}, ''), '[^0-9]', '', 'g'), '${FOLD_FROM}', '${FOLD_TO}'))`;
}

/** A message's stored document. */
export const messageDocument = (alias: string) => sql.raw(`${alias}.search_vector`);
export const contactDocument = () => sql.raw(contactDocumentSql());

/**
 * SQL text of an article's document (articles.search_vector, migration 021):
 * title above body, stemmed in its language's configuration — `english` for
 * en, `russian` for ru and uk (PostgreSQL has no Ukrainian stemmer; uk queries
 * match by the shorter of the Russian and Ukrainian stems, as messages do).
 * Each branch names its configuration as a literal: a cast computed from text
 * would not be immutable, which a generated column needs.
 */
export function articleDocumentSql(): string {
  const fold = (c: string) => `translate(${c}, '${FOLD_FROM}', '${FOLD_TO}')`;
  const doc = (config: string) =>
    `setweight(to_tsvector('${config}'::regconfig, ${fold('title')}), 'A') || setweight(to_tsvector('${config}'::regconfig, ${fold('body')}), 'B')`;
  return `CASE WHEN language = 'en' THEN ${doc('english')} ELSE ${doc('russian')} END`;
}
