// Trims the quoted history a mail client appends to a reply, so the operator
// reads only what is new. Only what follows a reply attribution is cut;
// forwarded messages and signatures are kept, they may be the point. The
// original message stays attached, so nothing is lost.

const ATTRIBUTION: RegExp[] = [
  /^On\s.+\swrote:\s*$/i, // Gmail, Apple Mail, Thunderbird (en)
  /^Le\s.+\sa écrit\s*:\s*$/i,
  /^Am\s.+\sschrieb\s.+:\s*$/i,
  /^.{0,200}(пишет|написал|написала|написал\(а\)):\s*$/i, // (ru)
  /^.{0,200}(пише|написав|написала|написав\(ла\)):\s*$/i, // (uk)
  /^-{2,}\s*(Original Message|Исходное сообщение|Оригинальное сообщение|Оригінальне повідомлення)\s*-{2,}\s*$/i,
];

/** Where forwarded content starts: everything after it is kept. */
const FORWARD =
  /^(-{2,}\s*(Forwarded message|Пересылаемое сообщение|Переслане повідомлення)|Begin forwarded message:)/i;

/** Outlook's header block: "From: …" followed within a few lines by "Sent: …". */
const OUTLOOK_FROM = /^\*?(From|От|Від):\*?\s/i;
const OUTLOOK_SENT = /^\*?(Sent|Date|Отправлено|Дата|Надіслано):\*?\s/i;

/** Yandex, Mail.ru: '23.11.2024, 11:40, "Поддержка" <support@shop.example>:' over "> " lines. */
const ADDRESS_ATTRIBUTION = /<[^<>\s]+@[^<>\s]+>\s*:\s*$/;

export function trimQuotedHistory(text: string): string {
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  const cut = attributionLine(lines);
  // A trailing block of "> " lines without attribution is quoted history too.
  let end = cut ?? lines.length;
  if (cut !== null || !lines.some((l) => FORWARD.test(l.trim()))) {
    while (end > 0 && (/^\s*>/.test(lines[end - 1]!) || lines[end - 1]!.trim() === '')) end -= 1;
  }
  const kept = lines.slice(0, end).join('\n').trimEnd();
  return kept.trim() ? kept : text.trim();
}

function attributionLine(lines: string[]): number | null {
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (FORWARD.test(line)) return null;
    if (ATTRIBUTION.some((re) => re.test(line))) return i;
    // Gmail wraps long attributions: "On Mon, 3 Jun 2024 at 10:00, Olga <o@x>" / "wrote:".
    if (/^On\s.+/i.test(line) && /^.{0,80}wrote:\s*$/i.test(lines[i + 1]?.trim() ?? ''))
      if (quotedAfter(lines, i + 2)) return i;
    if (ADDRESS_ATTRIBUTION.test(line) && quotedAfter(lines, i + 1)) return i;
    if (
      OUTLOOK_FROM.test(line) &&
      lines.slice(i + 1, i + 5).some((l) => OUTLOOK_SENT.test(l.trim()))
    )
      return i;
  }
  return null;
}

function quotedAfter(lines: string[], from: number): boolean {
  const rest = lines.slice(from).filter((l) => l.trim() !== '');
  return rest.length === 0 || /^\s*>/.test(rest[0]!);
}
