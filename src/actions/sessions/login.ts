import { randomBytes } from 'node:crypto';
import { hash, verify } from 'argon2';
import type { Kysely } from 'kysely';
import { AppError } from '../../errors.js';
import type { Database } from '../../store/schema.js';
import { hashToken, SESSION_TTL_MS } from '../../tokens.js';

/**
 * A hash of a random password, made once per process. When no operator
 * matches, the password is checked against it, so an unknown e-mail costs the
 * same argon2 verification as a wrong password and log-in time does not tell
 * which e-mails exist.
 */
let dummyHash: Promise<string> | null = null;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hash(randomBytes(32).toString('base64url'));
  return dummyHash;
}

/** The argon2 check, a seam so tests can see that both branches pay for it. */
export const passwords = {
  verify: (passwordHash: string, password: string): Promise<boolean> =>
    verify(passwordHash, password).catch(() => false),
};

/**
 * Checks e-mail + password and opens a session. Runs before there is an
 * account scope, so it takes the database rather than an action context.
 * The session id is stored hashed: a leaked table opens no session.
 *
 * An e-mail is unique within an account, not across accounts (creating an
 * operator must not reveal another account's people). So the log-in names
 * the account when the same person works in several: with `accountId`, that
 * account's operator; without it, the e-mail's first operator (the oldest).
 * Either way exactly one argon2 check runs, whether or not anyone matches.
 */
export async function login(
  db: Kysely<Database>,
  now: Date,
  input: { email: string; password: string; accountId?: string },
) {
  let query = db
    .selectFrom('operators')
    .selectAll()
    .where('email', '=', input.email.trim().toLowerCase());
  if (input.accountId) query = query.where('account_id', '=', input.accountId);
  const op = await query.orderBy('created_at').orderBy('id').limit(1).executeTakeFirst();
  const ok = await passwords.verify(
    op?.password_hash ?? (await dummyPasswordHash()),
    input.password,
  );
  if (!op?.password_hash || !ok || !op.active) throw new AppError('invalid_credentials');
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
