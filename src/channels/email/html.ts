// HTML mail as safe plain text, with sanitize-html in two passes: the first
// drops quoted history that clients mark up (blockquote, Gmail's gmail_quote),
// the second allows no tag at all, so every element — scripts and styles with
// their content — is gone and only text remains. Block ends become line
// breaks first so paragraphs survive.
import sanitizeHtml from 'sanitize-html';

const QUOTE_CLASSES = /\b(gmail_quote|yahoo_quoted|moz-cite-prefix)\b/;

export function htmlToText(html: string): string {
  const withBreaks = html
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|div|li|tr|h[1-6]|blockquote|pre|table)\s*>/gi, '$&\n');
  const unquoted = sanitizeHtml(withBreaks, {
    allowedTags: false,
    allowedAttributes: { '*': ['class'] },
    allowVulnerableTags: true, // only for this intermediate pass; the next allows nothing
    exclusiveFilter: (frame) =>
      frame.tag === 'blockquote' || QUOTE_CLASSES.test(frame.attribs.class ?? ''),
  });
  const text = sanitizeHtml(unquoted, {
    allowedTags: [],
    allowedAttributes: {},
    nonTextTags: ['style', 'script', 'textarea', 'option', 'noscript', 'head', 'title'],
  });
  return decodeEntities(text)
    .replace(/\u00a0/g, ' ')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

const NAMED: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
};

/** sanitize-html escapes the text it returns; the message store holds plain text. */
function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, code: string) => {
    if (code[0] === '#') {
      const hex = code[1] === 'x' || code[1] === 'X';
      const n = hex ? Number.parseInt(code.slice(2), 16) : Number(code.slice(1));
      return Number.isFinite(n) && n > 0 && n < 0x110000 ? String.fromCodePoint(n) : whole;
    }
    return NAMED[code.toLowerCase()] ?? whole;
  });
}
