// `@name` mentions in a private note. Pure: the note's text and the account's
// operators in, the mentioned operators' ids out.
//
// An operator is mentioned by `@` and their full name, their first name (when
// no other operator shares it) or their e-mail's local part, in any case, and
// followed by something that is not a letter or digit ("@Tatiana," mentions
// Tatiana; "@Tatianas" does not).

export interface Mentionable {
  id: string;
  name: string;
  email: string;
}

const WORD_CHAR = /[\p{L}\p{N}_]/u;

function handlesOf(op: Mentionable, firstNameCount: Map<string, number>): string[] {
  const full = op.name.trim().toLocaleLowerCase();
  const first = full.split(/\s+/)[0] ?? '';
  const local = op.email.split('@')[0]?.toLocaleLowerCase() ?? '';
  const handles = new Set<string>();
  if (full) handles.add(full);
  if (first && firstNameCount.get(first) === 1) handles.add(first);
  if (local) handles.add(local);
  return [...handles];
}

/** Ids of the operators the text mentions, in the order of the operators given. */
export function findMentions(text: string, operators: readonly Mentionable[]): string[] {
  if (!text.includes('@')) return [];
  const lower = text.toLocaleLowerCase();
  const firstNameCount = new Map<string, number>();
  for (const op of operators) {
    const first = op.name.trim().toLocaleLowerCase().split(/\s+/)[0] ?? '';
    firstNameCount.set(first, (firstNameCount.get(first) ?? 0) + 1);
  }
  const found: string[] = [];
  for (const op of operators) {
    const hit = handlesOf(op, firstNameCount).some((handle) => {
      let from = 0;
      for (;;) {
        const at = lower.indexOf(`@${handle}`, from);
        if (at < 0) return false;
        const before = at === 0 ? '' : lower[at - 1]!;
        const after = lower[at + 1 + handle.length] ?? '';
        if (!WORD_CHAR.test(before) && !(after && WORD_CHAR.test(after))) return true;
        from = at + 1;
      }
    });
    if (hit) found.push(op.id);
  }
  return found;
}
