// The help search shown before a chat starts (issue 17, docs/bot.md): the
// channel's published articles, best first; a title opens the article. The
// article HTML is rendered and sanitized by the server (src/knowledge/markdown.ts).
import { h } from './dom.js';
import type { Strings } from './i18n.js';
import type { FoundArticle } from './types.js';

export function articleSearch(
  find: (q: string) => Promise<FoundArticle[]>,
  t: Strings,
): HTMLElement {
  const input = h('input', { type: 'search', 'aria-label': t.search, placeholder: t.search });
  const list = h('div', { class: 'found', 'aria-live': 'polite' });
  const show = (found: FoundArticle[]) =>
    list.replaceChildren(
      ...found.map((a) => {
        const body = h('div', { class: 'article' });
        body.innerHTML = a.html;
        return h('details', null, h('summary', null, a.title), body);
      }),
    );
  return h(
    'form',
    {
      class: 'help',
      role: 'search',
      onsubmit: (e) => {
        e.preventDefault();
        const q = input.value.trim();
        if (q) void find(q).then(show, () => show([]));
      },
    },
    input,
    list,
  );
}
