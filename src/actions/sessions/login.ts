import { randomBytes } from 'node:crypto';
import { verify } from 'argon2';
import type { Kysely } from 'kysely';
import { AppError } from '../../errors.js';
import type { Database } from '../../store/schema.js';
import { hashToken, SESSION_TTL_MS } from '../../tokens.js';

/**
 * Checks e-mail + password and opens a session. Runs before there is an
 * account scope, so it takes the database rather than an action context.
 * The session id is stored hashed: a leaked table opens no session.
 */
export async function login(
  db: Kysely<Database>,
  now: Date,
  input: { email: string; password: string },
) {
  const op = await db
    .selectFrom('operators')
    .selectAll()
    .where('email', '=', input.email.trim().toLowerCase())
    .executeTakeFirst();
  const ok = op?.password_hash
    ? await verify(op.password_hash, input.password).catch(() => false)
    : false;
  if (!op || !ok) throw new AppError('invalid_credentials');
  const sessionId = randomBytes(32).toString('base64url');
  const csrf = randomBytes(24).toString('base64url');
  const expiresAt = new Date(now.getTime() + SESSION_TTL_MS);
  await db
    .insertInto('sessions')
    .values({
      id: hashToken(sessionId),
      account_id: op.account_id,
      operator_id: op.id,
      csrf_token: csrf,
      expires_at: expiresAt,
    })
    .execute();
  return { sessionId, csrf, expiresAt, operator: op };
}

export async function logout(db: Kysely<Database>, sessionId: string) {
  await db.deleteFrom('sessions').where('id', '=', hashToken(sessionId)).execute();
}
