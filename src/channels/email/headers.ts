// The header block of a raw message, for the few ASCII headers Switchboard
// decides on before (or without) full MIME parsing: Message-ID, From,
// Auto-Submitted, Precedence, X-Loop. RFC 5322 §2.2.3: a line starting with
// white space continues the previous field ("unfolding").

export type HeaderMap = Map<string, string[]>;

export function parseHeaderBlock(raw: Buffer): HeaderMap {
  const end = headerEnd(raw);
  const text = raw.subarray(0, end).toString('latin1');
  const headers: HeaderMap = new Map();
  let current: { name: string; value: string } | null = null;
  const flush = () => {
    if (!current) return;
    const list = headers.get(current.name) ?? [];
    list.push(current.value.trim());
    headers.set(current.name, list);
  };
  for (const line of text.split(/\r?\n/)) {
    if (/^[ \t]/.test(line) && current) {
      current.value += ` ${line.trim()}`;
      continue;
    }
    flush();
    const colon = line.indexOf(':');
    current =
      colon > 0
        ? { name: line.slice(0, colon).trim().toLowerCase(), value: line.slice(colon + 1) }
        : null;
  }
  flush();
  return headers;
}

function headerEnd(raw: Buffer): number {
  const crlf = raw.indexOf('\r\n\r\n');
  const lf = raw.indexOf('\n\n');
  const ends = [crlf, lf].filter((i) => i >= 0);
  return ends.length > 0 ? Math.min(...ends) : raw.length;
}

export function header(headers: HeaderMap, name: string): string | null {
  return headers.get(name.toLowerCase())?.[0] ?? null;
}

/** msg-id without its angle brackets (RFC 5322 §3.6.4), or null when there is none. */
export function normalizeMessageId(value: string | null | undefined): string | null {
  const match = value?.match(/<([^<>\s]+)>/) ?? value?.trim().match(/^([^<>\s]+@[^<>\s]+)$/);
  return match ? match[1]! : null;
}

/** Every msg-id in a header value such as References. */
export function messageIdList(value: string | string[] | null | undefined): string[] {
  const values = Array.isArray(value) ? value : value ? [value] : [];
  return values.flatMap((v) => [...v.matchAll(/<([^<>\s]+)>/g)].map((m) => m[1]!));
}

/** The first address in a From-like value, lower-cased. */
export function firstAddress(value: string | null): string | null {
  if (!value) return null;
  const angle = value.match(/<([^<>\s]+@[^<>\s]+)>/);
  const bare = value.match(/([^\s<>"]+@[^\s<>"]+)/);
  return (angle?.[1] ?? bare?.[1] ?? null)?.toLowerCase() ?? null;
}
