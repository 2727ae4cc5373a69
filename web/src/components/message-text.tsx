// Renders user text as text: URLs become <a> elements with checked http(s)
// hrefs, everything else stays a text node. Never parses HTML (DESIGN §8).
import { linkify } from '../lib/linkify';

export function MessageText({ text }: { text: string }) {
  return (
    <span className="message-text">
      {linkify(text).map((s, i) =>
        s.kind === 'link' ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: segments never reorder
          <a key={i} href={s.href} target="_blank" rel="noopener noreferrer nofollow">
            {s.text}
          </a>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: segments never reorder
          <span key={i}>{s.text}</span>
        ),
      )}
    </span>
  );
}
