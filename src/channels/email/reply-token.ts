// The reply token that threads an e-mail back into its conversation even when
// a client strips In-Reply-To/References: "[#token]" at the end of the subject,
// and — where the mailbox supports plus-addressing — support+token@domain as
// Reply-To.
import { REPLY_TOKEN_PATTERN } from '../../actions/channels/threads.js';

const SUBJECT_TOKEN = /\[#([a-km-z2-9]{12})\]/;

export function tokenFromSubject(subject: string | null | undefined): string | null {
  return subject?.match(SUBJECT_TOKEN)?.[1] ?? null;
}

/** "support+token@example.com" → token, when `base` is "support@example.com". */
export function tokenFromAddress(address: string, base: string): string | null {
  const [local, domain] = splitAddress(address.toLowerCase());
  const [baseLocal, baseDomain] = splitAddress(base);
  if (domain !== baseDomain || !local.startsWith(`${baseLocal}+`)) return null;
  const tag = local.slice(baseLocal.length + 1);
  return REPLY_TOKEN_PATTERN.test(tag) ? tag : null;
}

export function findReplyToken(
  recipients: string[],
  subject: string | null | undefined,
  base: string,
): string | null {
  for (const address of recipients) {
    const token = tokenFromAddress(address, base);
    if (token) return token;
  }
  return tokenFromSubject(subject);
}

export function plusAddress(base: string, token: string): string {
  const [local, domain] = splitAddress(base);
  return `${local}+${token}@${domain}`;
}

/** Strips a plus tag: the receiver accepts support+anything@ for support@. */
export function baseAddress(address: string): string {
  const [local, domain] = splitAddress(address.toLowerCase());
  return `${local.split('+')[0]}@${domain}`;
}

/** "Re: <original subject> [#token]", without piling up "Re: Re:" or repeating the token. */
export function replySubject(subject: string | null, token: string): string {
  const bare = (subject ?? '')
    .replace(SUBJECT_TOKEN, '')
    .replace(/^\s*((re|fwd?|aw|отв|ответ|вiдп|відп)\s*(\[\d+\])?\s*:\s*)+/i, '')
    .trim();
  return `Re: ${bare || 'Your message'} [#${token}]`;
}

function splitAddress(address: string): [string, string] {
  const at = address.lastIndexOf('@');
  return [address.slice(0, at), address.slice(at + 1)];
}
