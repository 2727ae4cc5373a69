// The files the visitor is sending (name, thumbnail, progress bar) and the
// line that says why a file was not sent. Progress updates reuse the elements,
// so a thumbnail does not flicker on every percent.
import { h } from './dom.js';
import type { FileNotice, Upload } from './files.js';
import type { Language, Strings } from './i18n.js';

export function fileViews(t: Strings, lang: Language, maxBytes: number) {
  const list = h('div', { class: 'uploads' });
  const note = h('div', { class: 'file-note', role: 'alert' });
  const mb = maxBytes >= 1048576;
  // "10 MB", "256 kB", "10 МБ": the unit in the visitor's language.
  const limit = new Intl.NumberFormat(lang, {
    style: 'unit',
    unit: mb ? 'megabyte' : 'kilobyte',
    maximumFractionDigits: 1,
  }).format(maxBytes / (mb ? 1048576 : 1024));
  const els = new Map<string, { el: HTMLElement; bar: HTMLProgressElement }>();

  function render(uploads: readonly Upload[], f: FileNotice | null) {
    for (const key of els.keys()) if (!uploads.some((u) => u.key === key)) els.delete(key);
    for (const u of uploads) {
      let entry = els.get(u.key);
      if (!entry) {
        const bar = h('progress', { max: '100', 'aria-label': `${t.uploading}: ${u.name}` });
        entry = {
          bar,
          el: h(
            'div',
            { class: 'upload' },
            u.preview && h('img', { src: u.preview, alt: '' }),
            h('span', null, u.name),
            bar,
          ),
        };
        els.set(u.key, entry);
      }
      entry.bar.value = Math.round(u.progress * 100);
    }
    const shown = uploads.map((u) => els.get(u.key)!.el);
    if (shown.length !== list.children.length || shown.some((el, i) => list.children[i] !== el))
      list.replaceChildren(...shown);
    list.hidden = uploads.length === 0;
    note.textContent = !f
      ? ''
      : f.kind === 'size'
        ? t.tooBig(f.name, limit)
        : f.kind === 'type'
          ? t.badType(f.name)
          : t.uploadFailed(f.name);
    note.hidden = !f;
  }

  return { list, note, render };
}
