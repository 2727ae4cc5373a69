// Keyset cursors of the lists and the search: the last row's (created_at, id),
// opaque to clients (base64url), checked like any other input.
import { z } from 'zod';

export interface Keyset {
  at: Date;
  id: string;
}

export function encodeCursor(k: Keyset | null): string | null {
  return k ? Buffer.from(`${k.at.toISOString()}|${k.id}`).toString('base64url') : null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function decodeCursor(raw: string): Keyset | null {
  const [at, id, ...rest] = Buffer.from(raw, 'base64url').toString('utf8').split('|');
  if (rest.length > 0 || !at || !id || !UUID.test(id)) return null;
  const date = new Date(at);
  if (Number.isNaN(date.getTime()) || date.toISOString() !== at) return null;
  return { at: date, id };
}

/** `cursor`: the nextCursor of the previous page. */
export const cursorParam = z
  .string()
  .max(200)
  .transform((raw, ctx) => {
    const k = decodeCursor(raw);
    if (!k) {
      ctx.addIssue({ code: 'custom', message: 'Not a cursor this API gave out.' });
      return z.NEVER;
    }
    return k;
  });
