// Who is calling: an operator (session cookie, or API token for integrations)
// or a visitor (signed token). Resolved once per request; routes then ask the
// policy module what the principal may do.
import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Actor, Scope } from '../actions/context.js';
import { TOKEN_USE_RESOLUTION_MS, touchApiToken } from '../actions/sessions/touch-api-token.js';
import type { Config } from '../config.js';
import { AppError } from '../errors.js';
import type { Database, Role } from '../store/schema.js';
import { hashToken } from '../tokens.js';
import { verifyVisitorToken } from './visitor-token.js';

export const SESSION_COOKIE = 'sb_session';
export const CSRF_HEADER = 'x-csrf-token';

export type Principal =
  | {
      kind: 'operator';
      accountId: string;
      operatorId: string;
      role: Role;
      via: 'session' | 'token';
      csrf: string | null;
      /**
       * The credential's stored id — a session's hash, or `token:<id>` — so
       * its websockets close when it ends (src/events/sign-out.ts).
       */
      credential: string;
    }
  | { kind: 'visitor'; accountId: string; channelId: string; contactId: string; visitorId: string };

export async function resolvePrincipal(
  db: Kysely<Database>,
  keys: VisitorKeys,
  request: FastifyRequest,
  now: Date,
): Promise<Principal | null> {
  const bearer = bearerToken(request);
  if (bearer?.startsWith('v1.')) return visitorPrincipal(keys, bearer, now);
  if (bearer) {
    const row = await db
      .selectFrom('api_tokens as t')
      .innerJoin('operators as o', 'o.id', 't.operator_id')
      .select([
        'o.id',
        'o.account_id',
        'o.role',
        't.id as token_id',
        't.expires_at',
        't.last_used_at',
      ])
      .where('t.token_hash', '=', hashToken(bearer))
      .where('o.active', '=', true)
      .executeTakeFirst();
    if (!row || (row.expires_at && new Date(row.expires_at) <= now)) return null;
    if (
      !row.last_used_at ||
      now.getTime() - new Date(row.last_used_at).getTime() >= TOKEN_USE_RESOLUTION_MS
    )
      await touchApiToken(db, row.token_id, now);
    return {
      kind: 'operator',
      accountId: row.account_id,
      operatorId: row.id,
      role: row.role,
      via: 'token',
      csrf: null,
      credential: `token:${row.token_id}`,
    };
  }
  const sessionId = request.cookies[SESSION_COOKIE];
  if (!sessionId) return null;
  const session = hashToken(sessionId);
  const row = await db
    .selectFrom('sessions as s')
    .innerJoin('operators as o', 'o.id', 's.operator_id')
    .select(['o.id', 'o.account_id', 'o.role', 's.csrf_token', 's.expires_at'])
    .where('s.id', '=', session)
    .where('o.active', '=', true)
    .executeTakeFirst();
  if (!row || new Date(row.expires_at) <= now) return null;
  return {
    kind: 'operator',
    accountId: row.account_id,
    operatorId: row.id,
    role: row.role,
    via: 'session',
    csrf: row.csrf_token,
    credential: session,
  };
}

function bearerToken(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice(7).trim();
  // Browsers cannot set headers on websocket upgrades: the token may come as a query parameter.
  const query = request.query as Record<string, unknown> | undefined;
  return typeof query?.token === 'string' ? query.token : null;
}

/** What checks a visitor token: the rotating secrets and how long a token may sit unused. */
export type VisitorKeys = Pick<Config, 'secrets' | 'visitorTokenIdleMs'>;

function visitorPrincipal(keys: VisitorKeys, token: string, now: Date): Principal | null {
  const t = verifyVisitorToken(keys.secrets.accepted(now), token, now, keys.visitorTokenIdleMs);
  return t
    ? {
        kind: 'visitor',
        accountId: t.accountId,
        channelId: t.channelId,
        contactId: t.contactId,
        visitorId: t.visitorId,
      }
    : null;
}

/** The operator behind the request, or 401. */
export function operatorScope(request: FastifyRequest): Scope & { operatorId: string } {
  const p = request.principal;
  if (p?.kind !== 'operator') throw new AppError('unauthenticated');
  const actor: Actor = { kind: 'operator', id: p.operatorId, role: p.role };
  return { accountId: p.accountId, actor, operatorId: p.operatorId };
}

/** The visitor behind the request, or 401. */
export function visitorScope(request: FastifyRequest) {
  const p = request.principal;
  if (p?.kind !== 'visitor') throw new AppError('unauthenticated');
  const actor: Actor = { kind: 'contact', id: p.contactId, channelId: p.channelId };
  return { accountId: p.accountId, actor, principal: p };
}
