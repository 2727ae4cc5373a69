// Message text is text (DESIGN §8): it is split into plain segments and http(s)
// links, and the view turns each into a text node or an <a> with textContent.
// Nothing here ever becomes HTML.

export interface TextSegment {
  text: string;
  /** Set for links: the normalised absolute http(s) URL. */
  href?: string;
}

const URL_PATTERN = /\bhttps?:\/\/[^\s<>"'`]+/gi;
/** Punctuation that usually ends a sentence rather than the URL ("see https://x.io/a."). */
const TRAILING = /[.,;:!?'"»)\]]+$/;

export function splitLinks(text: string): TextSegment[] {
  const out: TextSegment[] = [];
  let last = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    const start = match.index ?? 0;
    let raw = match[0];
    const trailing = TRAILING.exec(raw)?.[0] ?? '';
    // Keep a closing bracket that belongs to the URL (Wikipedia-style "Foo_(bar)").
    let cut = trailing.length;
    if (trailing.startsWith(')') && countOf(raw, '(') >= countOf(raw, ')')) cut = 0;
    raw = raw.slice(0, raw.length - cut);
    const href = safeHref(raw);
    if (!href) continue;
    if (start > last) out.push({ text: text.slice(last, start) });
    out.push({ text: raw, href });
    last = start + raw.length;
  }
  if (last < text.length) out.push({ text: text.slice(last) });
  return out;
}

/** The URL when it parses as http(s), else null (javascript:, data: and friends never link). */
export function safeHref(raw: string): string | null {
  try {
    const url = new URL(raw);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

function countOf(s: string, ch: string): number {
  return s.split(ch).length - 1;
}
