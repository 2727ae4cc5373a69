// The widget's DOM inside its shadow root: launcher, panel, message log,
// pre-chat form, composer and rating. Rebuilt from chat.state on every change;
// message elements are reused by key so the log does not flicker or lose its
// scroll position.

import { articleSearch } from './articles.js';
import { type Child, h, ICONS, icon } from './dom.js';
import { fileViews } from './file-views.js';
import type { Language, Strings } from './i18n.js';
import { joinedAt, type LocalLine } from './lines.js';
import { messageRenderer } from './message-view.js';
import { messageKey } from './messages.js';
import type { Chat, WidgetConfig } from './types.js';

export function mountView(
  root: ShadowRoot,
  chat: Chat,
  config: WidgetConfig,
  t: Strings,
  lang: Language,
  css: string,
): void {
  const close = () => {
    chat.setOpen(false);
    launcher.focus();
  };
  const badge = h('span', { class: 'badge', 'aria-hidden': 'true' });
  const launcher = h(
    'button',
    {
      class: 'launcher',
      type: 'button',
      'aria-haspopup': 'dialog',
      onclick: () => chat.setOpen(!chat.state.open),
    },
    icon(ICONS.chat),
    badge,
  );
  const end = h('button', { class: 'end', type: 'button', onclick: () => void chat.end() }, t.end);
  const header = h(
    'header',
    null,
    h('h2', { id: 'title' }, config.title),
    end,
    h(
      'button',
      { class: 'x', type: 'button', 'aria-label': t.close, onclick: close },
      icon(ICONS.close),
    ),
  );
  const notice = h('div', { class: 'notice', role: 'status' });
  const empty = h('p', { class: 'empty' }, t.greeting);
  const log = h('div', { class: 'log', role: 'log', 'aria-label': t.messages, tabindex: '0' });
  const typing = h('div', { class: 'typing', 'aria-live': 'polite' });
  const feedback = h('div', { class: 'feedback' });
  const help = config.articleSearch ? articleSearch(chat.articles, t) : null;

  const field = (name: 'name' | 'email', label: string) =>
    config.preChatForm[name] &&
    h(
      'label',
      null,
      label,
      h('input', {
        name,
        type: name === 'email' ? 'email' : 'text',
        autocomplete: name,
        required: true,
        maxlength: '200',
      }),
    );
  const intro = h(
    'form',
    {
      class: 'intro',
      onsubmit: (e) => {
        e.preventDefault();
        const data = new FormData(intro);
        const value = (k: string) => String(data.get(k) ?? '').trim() || null;
        void chat.introduce(value('name'), value('email'));
      },
    },
    h('p', null, t.intro),
    field('name', t.name),
    field('email', t.email),
    h('button', { class: 'primary', type: 'submit' }, t.start),
  );

  const input = h('textarea', {
    rows: '1',
    maxlength: '10000',
    placeholder: t.placeholder,
    'aria-label': t.placeholder,
    oninput: () => {
      grow();
      chat.draft(input.value);
    },
    // A pasted screenshot (or copied file) is sent as a file; pasted text stays text.
    onpaste: (e) => {
      const files = Array.from((e as ClipboardEvent).clipboardData?.files ?? []);
      if (files.length === 0) return;
      e.preventDefault();
      chat.attach(files);
    },
    onkeydown: (e) => {
      const k = e as KeyboardEvent;
      // Enter sends, Shift+Enter is a new line; never while an IME is composing a word.
      if (k.key === 'Enter' && !k.shiftKey && !k.isComposing) {
        e.preventDefault();
        submit();
      }
    },
  });
  const grow = () => {
    input.style.height = 'auto';
    input.style.height = `${Math.min(input.scrollHeight, 120)}px`;
  };
  const submit = () => {
    chat.send(input.value);
    input.value = '';
    grow();
    stick = true;
  };
  const picker = h('input', {
    type: 'file',
    multiple: true,
    hidden: true,
    tabindex: '-1',
    accept: config.uploads?.types.join(',') ?? '',
    onchange: () => {
      chat.attach(Array.from(picker.files ?? []));
      picker.value = '';
    },
  });
  const composer = h(
    'form',
    {
      class: 'composer',
      onsubmit: (e) => {
        e.preventDefault();
        submit();
      },
    },
    picker,
    h(
      'button',
      {
        type: 'button',
        class: 'attach',
        'aria-label': t.attach,
        title: t.attach,
        onclick: () => picker.click(),
      },
      icon(ICONS.clip),
    ),
    input,
    h('button', { type: 'submit', class: 'send', 'aria-label': t.send }, icon(ICONS.send)),
  );
  const files = fileViews(t, lang, config.uploads?.maxBytes ?? 0);
  const dropHint = h('div', { class: 'drop-hint', 'aria-hidden': 'true' }, t.drop);
  const hasFiles = (e: Event) =>
    !chat.state.needIntro && !!(e as DragEvent).dataTransfer?.types.includes('Files');

  const panel = h(
    'div',
    {
      class: 'panel',
      role: 'dialog',
      'aria-labelledby': 'title',
      onkeydown: (e) => {
        if ((e as KeyboardEvent).key === 'Escape') close();
      },
      ondragover: (e) => {
        if (!hasFiles(e)) return;
        e.preventDefault();
        panel.classList.add('dropping');
      },
      ondragleave: (e) => {
        if (!panel.contains((e as DragEvent).relatedTarget as Node | null))
          panel.classList.remove('dropping');
      },
      ondrop: (e) => {
        panel.classList.remove('dropping');
        if (!hasFiles(e)) return;
        e.preventDefault();
        chat.attach(Array.from((e as DragEvent).dataTransfer?.files ?? []));
      },
    },
    header,
    notice,
    log,
    typing,
    feedback,
    intro,
    files.note,
    files.list,
    composer,
    dropHint,
  );
  adoptStyles(root, css);
  root.append(panel, launcher);

  const message = messageRenderer(t, lang, (a) => chat.attachmentUrl(a));

  function ratingBlock(): Child[] {
    const c = chat.state.conversation;
    if (c?.state !== 'closed') return [];
    const ended = h('p', { class: 'ended' }, t.ended);
    if (chat.state.feedback === 'thanks') return [ended, h('p', { role: 'status' }, t.thanks)];
    if (chat.state.feedback === 'comment') {
      const note = h('textarea', {
        rows: '2',
        maxlength: '2000',
        'aria-label': t.comment,
        placeholder: t.comment,
      });
      return [
        ended,
        h('p', { role: 'status' }, t.thanks),
        h(
          'form',
          {
            class: 'comment',
            onsubmit: (e) => {
              e.preventDefault();
              if (c.rating) void chat.rate(c.rating, note.value.trim());
            },
          },
          note,
          h('button', { class: 'primary', type: 'submit' }, t.sendComment),
        ),
      ];
    }
    if (c.rating) return [ended];
    const vote = (r: 'like' | 'dislike', label: string) =>
      h(
        'button',
        {
          type: 'button',
          class: `vote ${r}`,
          'aria-label': label,
          title: label,
          onclick: () => void chat.rate(r),
        },
        icon(ICONS.thumb),
      );
    return [
      ended,
      h('p', { id: 'rate' }, t.rate),
      h(
        'div',
        { class: 'votes', role: 'group', 'aria-labelledby': 'rate' },
        vote('like', t.like),
        vote('dislike', t.dislike),
      ),
    ];
  }

  const lineEl = (l: LocalLine) =>
    h(
      'div',
      { class: 'msg system line', role: 'note' },
      l.kind === 'joined' ? t.joined(l.arg) : `${t.moved}: ${l.arg}`,
    );

  const rendered = new Map<string, { sig: string; el: HTMLElement }>();
  let stick = true;
  let wasOpen = false;
  let feedbackSig = '';

  function render() {
    const s = chat.state;
    panel.hidden = !s.open;
    root.host.classList.toggle('open', s.open);
    launcher.setAttribute('aria-expanded', String(s.open));
    launcher.setAttribute(
      'aria-label',
      s.open ? t.close : s.unread > 0 ? `${t.open} (${t.unread(s.unread)})` : t.open,
    );
    badge.textContent = s.unread > 9 ? '9+' : String(s.unread);
    badge.hidden = s.unread === 0;
    end.hidden = !s.conversation || s.conversation.state === 'closed';
    notice.textContent = s.notice ? t[s.notice] : '';
    notice.hidden = !s.notice;
    typing.textContent = s.operatorTyping ? t.typing : '';
    intro.hidden = !s.needIntro;
    composer.hidden = s.needIntro;
    files.render(s.uploads, s.fileNotice);

    const atBottom = log.scrollHeight - log.scrollTop - log.clientHeight < 48;
    const els: HTMLElement[] = [];
    const keys = new Set<string>();
    const show = (key: string, sig: string, make: () => HTMLElement) => {
      let entry = rendered.get(key);
      if (!entry || entry.sig !== sig) {
        entry = { sig, el: make() };
        rendered.set(key, entry);
      }
      keys.add(key);
      els.push(entry.el);
    };
    const conv = s.conversation?.id ?? null;
    const lines = s.lines.filter((l) => l.c === conv).sort((a, b) => a.seq - b.seq);
    // Once an operator joined, the waiting notices before it ("all operators are offline") are stale.
    const joined = joinedAt(lines, conv);
    let li = 0;
    const linesBefore = (seq: number) => {
      for (; li < lines.length && lines[li]!.seq < seq; li++) {
        const l = lines[li]!;
        show(`l:${l.kind}:${l.seq}:${l.arg}`, '', () => lineEl(l));
      }
    };
    for (const m of s.messages) {
      linesBefore(m.seq ?? Number.POSITIVE_INFINITY);
      if (m.author === 'system' && joined !== null && m.seq !== null && m.seq <= joined) continue;
      show(messageKey(m), `${m.state}|${m.id}`, () => message(m));
    }
    linesBefore(Number.POSITIVE_INFINITY);
    // The bot's last question offers its buttons while the bot still has the conversation.
    const last = s.messages[s.messages.length - 1];
    if (last?.buttons && s.conversation?.state === 'bot')
      show(`b:${last.id}`, '', () =>
        h(
          'div',
          { class: 'choices', role: 'group' },
          ...last.buttons!.map((b) =>
            h('button', { type: 'button', onclick: () => chat.send(b.label) }, b.label),
          ),
        ),
      );
    for (const key of rendered.keys()) if (!keys.has(key)) rendered.delete(key);
    if (els.length === 0) els.push(...(help ? [help, empty] : [empty]));
    const current = Array.from(log.children);
    if (current.length !== els.length || current.some((el, i) => el !== els[i]))
      log.replaceChildren(...els);

    // The rating form is rebuilt only when its stage changes, so typing a comment survives renders.
    const sig = `${s.conversation?.id}|${s.conversation?.state}|${s.conversation?.rating}|${s.feedback}`;
    if (sig !== feedbackSig) {
      feedbackSig = sig;
      feedback.replaceChildren(...(ratingBlock().filter(Boolean) as Node[]));
    }

    if (s.open && (atBottom || stick || !wasOpen)) log.scrollTop = log.scrollHeight;
    stick = false;
    if (s.open && !wasOpen) {
      const first = s.needIntro ? intro.querySelector('input') : input;
      first?.focus();
    }
    wasOpen = s.open;
  }

  // Taking focus is only right after the visitor opened the widget, not on page load.
  wasOpen = chat.state.open;
  chat.subscribe(render);
  render();
}

/**
 * A constructed stylesheet, not a <style> element: pages with a Content
 * Security Policy without 'unsafe-inline' in style-src (Switchboard's own demo
 * page among them) block inline <style>, but not stylesheets built in script.
 * Browsers without constructable stylesheets get the <style> element.
 */
function adoptStyles(root: ShadowRoot, css: string): void {
  if ('adoptedStyleSheets' in root && typeof CSSStyleSheet.prototype.replaceSync === 'function') {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    root.adoptedStyleSheets = [sheet];
    return;
  }
  root.append(h('style', null, css));
}
