// Reads of stored audits and reviews. Every function but staleAudits (the
// auditor's cross-account sweep) takes the account id first: no read crosses
// accounts. Filters select conversations by creation time, like every report.
import { type Kysely, type SqlBool, sql } from 'kysely';
import { AUDIT_CHECKS, type AuditCheckId, type AuditOutcome } from '../../domain/audit/index.js';
import type { Database, StoredAuditCheck } from '../schema.js';

export interface AuditFilter {
  from: Date;
  to: Date;
  channelId?: string | undefined;
  teamId?: string | undefined;
  operatorId?: string | undefined;
}

/**
 * Closed conversations with no result for their latest close, or one of
 * another version; newest first. `closedSince` limits it to recent closes (an
 * index range); without it every closed conversation is checked, one hash
 * anti-join over the two tables (~0.8 s at 1,000,000 conversations).
 */
export async function staleAudits(
  db: Kysely<Database>,
  version: number,
  limit: number,
  closedSince: Date | null = null,
) {
  let q = db
    .selectFrom('conversations as c')
    .select(['c.id', 'c.account_id'])
    .where('c.state', '=', 'closed')
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('audit_results as a')
            .select(sql`1`.as('one'))
            .whereRef('a.conversation_id', '=', 'c.id')
            .whereRef('a.closed_at', '=', 'c.closed_at')
            .whereRef('a.last_seq', '=', 'c.last_seq')
            .where('a.version', '=', version),
        ),
      ),
    );
  if (closedSince) q = q.where('c.closed_at', '>=', closedSince);
  const rows = await q.orderBy('c.closed_at', 'desc').limit(limit).execute();
  return rows.map((r) => ({ accountId: r.account_id, conversationId: r.id }));
}

/** Stored results of the account's conversations matching the filter (audit `a`, conversation `c`). */
function audited(db: Kysely<Database>, accountId: string, f: AuditFilter) {
  let q = db
    .selectFrom('audit_results as a')
    .innerJoin('conversations as c', 'c.id', 'a.conversation_id')
    .where('a.account_id', '=', accountId)
    .where('c.account_id', '=', accountId)
    .where('c.created_at', '>=', f.from)
    .where('c.created_at', '<', f.to);
  if (f.channelId) q = q.where('c.channel_id', '=', f.channelId);
  if (f.teamId) q = q.where('c.team_id', '=', f.teamId);
  if (f.operatorId) q = q.where('a.operator_id', '=', f.operatorId);
  return q;
}

const OUTCOMES: readonly AuditOutcome[] = ['pass', 'fail', 'na'];

export interface OperatorAuditRow {
  operatorId: string;
  operatorName: string;
  audited: number;
  score: number | null;
  checks: Record<AuditCheckId, Record<AuditOutcome, number>>;
}

/** Per operator (who held the conversation when it closed): dialogs audited, mean score, outcomes per check. */
export async function operatorAudits(
  db: Kysely<Database>,
  accountId: string,
  f: AuditFilter,
): Promise<OperatorAuditRow[]> {
  const counts = AUDIT_CHECKS.flatMap((check) =>
    OUTCOMES.map((outcome) =>
      sql<string>`count(*) FILTER (WHERE a.checks -> ${check} ->> 'outcome' = ${outcome})`.as(
        `${check}:${outcome}`,
      ),
    ),
  );
  const rows = await audited(db, accountId, f)
    .innerJoin('operators as o', 'o.id', 'a.operator_id')
    .select(['o.id', 'o.name'])
    .select((eb) => [
      eb.fn.countAll<string>().as('audited'),
      eb.fn.avg<number>('a.score').as('score'),
    ])
    .select(counts)
    .groupBy(['o.id', 'o.name'])
    .orderBy('o.name')
    .orderBy('o.id')
    .execute();
  return rows.map((r) => {
    const cells = r as unknown as Record<string, string | number>;
    const checks = Object.fromEntries(
      AUDIT_CHECKS.map((check) => [
        check,
        Object.fromEntries(OUTCOMES.map((o) => [o, Number(cells[`${check}:${o}`])])),
      ]),
    ) as Record<AuditCheckId, Record<AuditOutcome, number>>;
    return {
      operatorId: r.id,
      operatorName: r.name,
      audited: Number(r.audited),
      score: r.score === null ? null : Number(r.score),
      checks,
    };
  });
}

export interface FailingRow {
  conversationId: string;
  contactId: string;
  /** The contact's name, else their e-mail address; null for an anonymous visitor. */
  contactName: string | null;
  operatorId: string | null;
  operatorName: string | null;
  closedAt: string;
  score: number;
  failed: AuditCheckId[];
}

/**
 * Audited conversations with a failed check (or the given one), newest close
 * first, closed before `before`. A page that ends inside a run of equal
 * `closedAt` is extended to the whole run, so the next page (before = the last
 * closedAt) misses nothing.
 */
export async function failingAudits(
  db: Kysely<Database>,
  accountId: string,
  f: AuditFilter & { check?: AuditCheckId | undefined; before?: Date | undefined; limit: number },
): Promise<FailingRow[]> {
  const failing = f.check
    ? sql<SqlBool>`${f.check} = ANY(a.failed)`
    : sql<SqlBool>`cardinality(a.failed) > 0`;
  const base = () =>
    audited(db, accountId, f)
      .leftJoin('operators as o', 'o.id', 'a.operator_id')
      // The contact's shown name: contactName's rule (name, else e-mail, else null).
      .leftJoin('contacts as k', (j) =>
        j.onRef('k.id', '=', 'c.contact_id').on('k.account_id', '=', accountId),
      )
      .select((eb) => ['c.contact_id', eb.fn.coalesce('k.name', 'k.email').as('contact_name')])
      .select([
        'a.conversation_id',
        'a.operator_id',
        'o.name',
        'a.closed_at',
        'a.score',
        'a.failed',
      ])
      .where(failing);
  let page = base();
  if (f.before) page = page.where('a.closed_at', '<', f.before);
  const rows = await page
    .orderBy('a.closed_at', 'desc')
    .orderBy('a.conversation_id', 'desc')
    .limit(f.limit)
    .execute();
  const last = rows[rows.length - 1];
  if (last && rows.length === f.limit) {
    const seen = new Set(rows.map((r) => r.conversation_id));
    const ties = await base()
      .where('a.closed_at', '=', last.closed_at)
      .orderBy('a.conversation_id', 'desc')
      .execute();
    rows.push(...ties.filter((t) => !seen.has(t.conversation_id)));
  }
  return rows.map((r) => ({
    conversationId: r.conversation_id,
    contactId: r.contact_id,
    contactName: r.contact_name,
    operatorId: r.operator_id,
    operatorName: r.name,
    closedAt: new Date(r.closed_at).toISOString(),
    score: Number(r.score),
    failed: r.failed as AuditCheckId[],
  }));
}

export interface AuditReviewView {
  reviewerId: string;
  reviewerName: string;
  reviewedAt: string;
  /** A review made before a check existed has no verdict on it. */
  verdicts: Partial<Record<AuditCheckId, AuditOutcome>>;
  comment: string | null;
}

export interface AuditView {
  conversationId: string;
  operatorId: string | null;
  closedAt: string;
  score: number;
  checks: {
    check: AuditCheckId;
    outcome: AuditOutcome;
    messageId: string | null;
    note: string;
    span: [number, number] | null;
  }[];
  review: AuditReviewView | null;
}

/** One conversation's automatic result with the reviewer's verdict beside it; undefined if not audited. */
export async function getAudit(
  db: Kysely<Database>,
  accountId: string,
  conversationId: string,
): Promise<AuditView | undefined> {
  const row = await db
    .selectFrom('audit_results as a')
    .leftJoin('audit_reviews as r', 'r.conversation_id', 'a.conversation_id')
    .leftJoin('operators as o', 'o.id', 'r.reviewer_id')
    .select([
      'a.conversation_id',
      'a.operator_id',
      'a.closed_at',
      'a.score',
      'a.checks',
      'r.reviewer_id',
      'r.verdicts',
      'r.comment',
      'r.reviewed_at',
      'o.name as reviewer_name',
    ])
    .where('a.account_id', '=', accountId)
    .where('a.conversation_id', '=', conversationId)
    .executeTakeFirst();
  if (!row) return undefined;
  const stored = row.checks as Record<string, StoredAuditCheck>;
  return {
    conversationId: row.conversation_id,
    operatorId: row.operator_id,
    closedAt: new Date(row.closed_at).toISOString(),
    score: Number(row.score),
    checks: AUDIT_CHECKS.map((check) => ({
      check,
      outcome: stored[check]?.outcome ?? 'na',
      messageId: stored[check]?.messageId ?? null,
      note: stored[check]?.note ?? '',
      span: stored[check]?.span ?? null,
    })),
    review:
      row.reviewer_id && row.verdicts && row.reviewed_at
        ? {
            reviewerId: row.reviewer_id,
            reviewerName: row.reviewer_name ?? '',
            reviewedAt: new Date(row.reviewed_at).toISOString(),
            verdicts: row.verdicts as Partial<Record<AuditCheckId, AuditOutcome>>,
            comment: row.comment,
          }
        : null,
  };
}

/**
 * The most candidates a review sample is drawn from. Ids are random UUIDs, so
 * the first ones by id are themselves a uniform sample of a larger period.
 */
export const MAX_SAMPLE_CANDIDATES = 10_000;

/** Ids that may go into a review sample: audited, handled by an operator, not reviewed yet. */
export async function unreviewedAudits(
  db: Kysely<Database>,
  accountId: string,
  f: AuditFilter,
): Promise<string[]> {
  const rows = await audited(db, accountId, f)
    .leftJoin('audit_reviews as r', 'r.conversation_id', 'a.conversation_id')
    .select('a.conversation_id')
    .where('r.conversation_id', 'is', null)
    .where('a.operator_id', 'is not', null)
    .orderBy('a.conversation_id')
    .limit(MAX_SAMPLE_CANDIDATES)
    .execute();
  return rows.map((r) => r.conversation_id);
}

/** Reviewed conversations: the automatic outcomes beside the reviewer's verdicts. */
export async function reviewedAudits(db: Kysely<Database>, accountId: string, f: AuditFilter) {
  const rows = await audited(db, accountId, f)
    .innerJoin('audit_reviews as r', 'r.conversation_id', 'a.conversation_id')
    .select(['a.conversation_id', 'a.checks', 'a.score', 'r.verdicts'])
    .orderBy('a.conversation_id')
    .execute();
  return rows.map((r) => ({
    conversationId: r.conversation_id,
    score: Number(r.score),
    checks: r.checks as Record<string, StoredAuditCheck>,
    verdicts: r.verdicts as Partial<Record<AuditCheckId, AuditOutcome>>,
  }));
}

export interface SampledAudit {
  conversationId: string;
  contactId: string;
  contactName: string | null;
  closedAt: string;
}

/** The drawn sample's rows in the order drawn: whom each dialog was with and when it closed. */
export async function sampledAudits(
  db: Kysely<Database>,
  accountId: string,
  ids: readonly string[],
): Promise<SampledAudit[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('audit_results as a')
    .innerJoin('conversations as c', 'c.id', 'a.conversation_id')
    .leftJoin('contacts as k', (j) =>
      j.onRef('k.id', '=', 'c.contact_id').on('k.account_id', '=', accountId),
    )
    .select((eb) => [
      'a.conversation_id',
      'a.closed_at',
      'c.contact_id',
      eb.fn.coalesce('k.name', 'k.email').as('contact_name'),
    ])
    .where('a.account_id', '=', accountId)
    .where('c.account_id', '=', accountId)
    .where('a.conversation_id', 'in', [...ids])
    .execute();
  const byId = new Map(rows.map((r) => [r.conversation_id, r]));
  return ids.flatMap((id) => {
    const r = byId.get(id);
    return r
      ? [
          {
            conversationId: id,
            contactId: r.contact_id,
            contactName: r.contact_name,
            closedAt: new Date(r.closed_at).toISOString(),
          },
        ]
      : [];
  });
}
