// Text that PostgreSQL cannot store: NUL (U+0000) is refused in `text` and
// `jsonb`, and a lone UTF-16 surrogate either fails as a jsonb escape or is
// silently turned into U+FFFD on the way out of Node. Input from our own API
// is refused with the field named (findUnsafeText); text a channel delivers —
// a Telegram update, an e-mail, an API channel message — is cleaned instead
// (cleanText, cleanJson), so the customer's message is never lost.

export type UnsafeTextProblem = 'nul' | 'lone_surrogate';

export interface UnsafeText {
  /** Dotted path of the value (or key) at fault, e.g. `settings.greeting`; '' for the value itself. */
  path: string;
  problem: UnsafeTextProblem;
}

// A high surrogate not followed by a low one, or a low one not preceded by a high one.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const LONE_SURROGATES = new RegExp(LONE_SURROGATE.source, 'g');

export function textProblem(text: string): UnsafeTextProblem | null {
  if (text.includes('\u0000')) return 'nul';
  if (LONE_SURROGATE.test(text)) return 'lone_surrogate';
  return null;
}

/**
 * The first string (value or object key) in a JSON-like value that cannot be
 * stored, or null. Walks without recursion: a body may nest thousands deep.
 */
export function findUnsafeText(value: unknown): UnsafeText | null {
  const stack: { value: unknown; path: string }[] = [{ value, path: '' }];
  while (stack.length > 0) {
    const item = stack.pop()!;
    if (typeof item.value === 'string') {
      const problem = textProblem(item.value);
      if (problem) return { path: item.path, problem };
    } else if (item.value !== null && typeof item.value === 'object') {
      const entries = Array.isArray(item.value)
        ? item.value.map((v, i) => [String(i), v] as const)
        : Object.entries(item.value);
      // Reversed onto the stack, so the first offending field in document order is named.
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, v] = entries[i]!;
        const path = item.path ? `${item.path}.${key}` : key;
        const keyProblem = textProblem(key);
        if (keyProblem) return { path, problem: keyProblem };
        stack.push({ value: v, path });
      }
    }
  }
  return null;
}

export const UNSAFE_TEXT_MESSAGE: Record<UnsafeTextProblem, string> = {
  nul: 'Text may not contain NUL (U+0000) characters.',
  lone_surrogate: 'Text must be valid Unicode: it contains an unpaired surrogate.',
};

/** Strips NUL and replaces lone surrogates with U+FFFD: what a channel delivers is kept, readably. */
export function cleanText(text: string): string {
  if (!textProblem(text)) return text;
  return text.replaceAll('\u0000', '').replace(LONE_SURROGATES, '\ufffd');
}

/** Thrown by cleanJson for a value nested deeper than any real provider payload. */
export class TooDeep extends Error {}

/** cleanText over every string and key of a JSON value (a stored Telegram update). */
export function cleanJson(value: unknown, maxDepth = 64): unknown {
  if (maxDepth < 0) throw new TooDeep('Nested too deep.');
  if (typeof value === 'string') return cleanText(value);
  if (Array.isArray(value)) return value.map((v) => cleanJson(v, maxDepth - 1));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [cleanText(k), cleanJson(v, maxDepth - 1)]),
    );
  }
  return value;
}
