// One message as DOM. Text goes in as text nodes and checked http(s) links
// only (DESIGN §8: message text is text); system notices look apart from the
// conversation; the visitor's own messages show their delivery state.
import { type Child, h } from './dom.js';
import type { Language, Strings } from './i18n.js';
import { splitLinks } from './links.js';
import type { Attachment, ChatMessage } from './messages.js';

/** Links open in a new tab and give the target no handle on this page. */
const LINK = { target: '_blank', rel: 'noopener noreferrer' };

export function messageRenderer(
  t: Strings,
  lang: Language,
  attachmentUrl: (a: Attachment) => string | null,
): (m: ChatMessage) => HTMLElement {
  const time = new Intl.DateTimeFormat(lang, { hour: 'numeric', minute: '2-digit' });
  const day = new Intl.DateTimeFormat(lang, { day: 'numeric', month: 'short' });
  const full = new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeStyle: 'short' });

  function stamp(iso: string): HTMLElement {
    const d = new Date(iso);
    const today = d.toDateString() === new Date().toDateString();
    return h(
      'time',
      { datetime: iso, title: full.format(d) },
      today ? time.format(d) : `${day.format(d)}, ${time.format(d)}`,
    );
  }

  function text(s: string): Child[] {
    return splitLinks(s).map((seg) =>
      seg.href ? h('a', { href: seg.href, ...LINK }, seg.text) : seg.text,
    );
  }

  function attachment(a: Attachment): HTMLElement {
    const url = attachmentUrl(a);
    const name = String(a.name);
    if (!url) return h('span', { class: 'file' }, name);
    if (/^image\//.test(a.contentType))
      return h(
        'a',
        { href: url, class: 'image', ...LINK },
        h('img', { src: url, alt: name, loading: 'lazy' }),
      );
    return h(
      'a',
      { href: url, class: 'file', ...LINK },
      `${t.attachment}: ${name} (${size(a.size)})`,
    );
  }

  const status: Record<ChatMessage['state'], string> = {
    sending: t.sending,
    retry: t.retry,
    failed: t.failed,
    sent: t.sent,
  };

  function message(m: ChatMessage): HTMLElement {
    if (m.author === 'system')
      return h('div', { class: 'msg system', role: 'note' }, ...text(m.text));
    const mine = m.author === 'contact';
    return h(
      'div',
      { class: `msg ${mine ? 'mine' : 'theirs'} ${m.state}` },
      h(
        'span',
        { class: mine ? 'sr' : 'who' },
        mine ? `${t.you}:` : m.authorName || (m.author === 'bot' ? t.bot : t.operator),
      ),
      h(
        'div',
        { class: 'bubble' },
        ...text(m.text),
        m.attachments.length > 0 && h('div', { class: 'files' }, ...m.attachments.map(attachment)),
      ),
      h(
        'div',
        { class: 'meta' },
        stamp(m.createdAt),
        mine && h('span', { class: 'state' }, m.state === 'sent' ? '✓' : status[m.state]),
        mine && m.state === 'sent' && h('span', { class: 'sr' }, status.sent),
      ),
    );
  }

  return message;
}

function size(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
