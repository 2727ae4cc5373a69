// Canned responses: the `/shortcut` under the caret and variable substitution.
import type { CannedResponse } from '../api/types';

export interface TemplateVars {
  contactName: string | null;
  contactEmail: string | null;
  operatorName: string;
}

/**
 * Fills `{{contact.name}}`, `{{contact.email}}` and `{{operator.name}}`. An
 * unknown contact name becomes an empty string and the space before it goes
 * too, so "Hello, {{contact.name}}!" reads "Hello!" rather than "Hello, !".
 */
export function fillCanned(text: string, vars: TemplateVars): string {
  const values: Record<string, string> = {
    'contact.name': vars.contactName?.trim() ?? '',
    'contact.email': vars.contactEmail?.trim() ?? '',
    'operator.name': vars.operatorName.trim(),
  };
  return text.replace(
    /(,?\s*)\{\{\s*([a-z]+\.[a-z]+)\s*\}\}/gi,
    (whole, before: string, key: string) => {
      const value = values[key.toLowerCase()];
      if (value === undefined) return whole;
      return value ? `${before}${value}` : '';
    },
  );
}

export interface ShortcutQuery {
  /** Index of the `/` in the draft. */
  start: number;
  /** Index just after the typed shortcut (the caret). */
  end: number;
  query: string;
}

/** The `/word` that ends at the caret, when it starts the draft or follows whitespace. */
export function shortcutAt(draft: string, caret: number): ShortcutQuery | null {
  const before = draft.slice(0, caret);
  const match = /(^|\s)\/([\p{L}\p{N}_-]*)$/u.exec(before);
  if (!match) return null;
  const start = caret - match[2]!.length - 1;
  return { start, end: caret, query: match[2]!.toLowerCase() };
}

export function normalizeShortcut(shortcut: string): string {
  return shortcut.replace(/^\//, '').toLowerCase();
}

/** Exact match first, then prefix matches, then substring matches; at most `max`. */
export function matchCanned(
  list: readonly CannedResponse[],
  query: string,
  max = 8,
): CannedResponse[] {
  const scored = list
    .map((c) => {
      const s = normalizeShortcut(c.shortcut);
      const rank = s === query ? 0 : s.startsWith(query) ? 1 : s.includes(query) ? 2 : 3;
      return { c, rank, s };
    })
    .filter((x) => x.rank < 3)
    .sort((a, b) => a.rank - b.rank || a.s.localeCompare(b.s));
  return scored.slice(0, max).map((x) => x.c);
}

/** Replaces the `/shortcut` span with the filled text; returns the new draft and caret. */
export function insertCanned(
  draft: string,
  at: ShortcutQuery,
  filled: string,
): { draft: string; caret: number } {
  const next = draft.slice(0, at.start) + filled + draft.slice(at.end);
  return { draft: next, caret: at.start + filled.length };
}
