// Articles are written in Markdown and shown as HTML (the admin's preview, the
// widget's article view) or as plain text (the bot's chat answers). markdown-it
// renders with raw HTML off; sanitize-html then keeps only the tags Markdown
// produces and only http(s)/mailto links, so an article can never carry script.
import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';

const md = new MarkdownIt({ html: false, linkify: true, breaks: false });

const ALLOWED: sanitizeHtml.IOptions = {
  allowedTags: [
    'p',
    'br',
    'hr',
    'h1',
    'h2',
    'h3',
    'h4',
    'h5',
    'h6',
    'strong',
    'em',
    's',
    'code',
    'pre',
    'blockquote',
    'ul',
    'ol',
    'li',
    'a',
    'table',
    'thead',
    'tbody',
    'tr',
    'th',
    'td',
    'img',
  ],
  allowedAttributes: { a: ['href', 'title'], img: ['src', 'alt', 'title'], ol: ['start'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: ['https'] },
  transformTags: {
    a: sanitizeHtml.simpleTransform('a', { target: '_blank', rel: 'noopener noreferrer' }),
  },
};

/** An article's Markdown as HTML safe to insert into a page. */
export function renderArticleHtml(markdown: string): string {
  return sanitizeHtml(md.render(markdown), {
    ...ALLOWED,
    allowedAttributes: { ...ALLOWED.allowedAttributes, a: ['href', 'title', 'target', 'rel'] },
  });
}

/** An article's Markdown as plain text for a chat message: markup gone, links kept as their URL. */
export function articlePlainText(markdown: string): string {
  const html = md
    .render(markdown)
    .replace(/<a href="([^"]*)">([^<]*)<\/a>/g, (_m, href, label) =>
      label === href ? href : `${label} (${href})`,
    );
  const text = sanitizeHtml(html.replace(/<\/(p|h\d|li|pre|blockquote|tr)>/g, '$&\n'), {
    allowedTags: [],
    allowedAttributes: {},
  });
  return decodeEntities(text)
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** sanitize-html escapes what it returns; a chat message holds plain text. */
function decodeEntities(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}
