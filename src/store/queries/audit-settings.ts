// An account's audit settings (migration 025), read by the auditor before each
// audit and by the admin console. No row: the defaults.
import type { Kysely } from 'kysely';
import {
  AUDIT_CHECKS,
  type AuditSettings,
  buildAuditPhrases,
  DEFAULT_AUDIT_SETTINGS,
} from '../../domain/audit/index.js';
import type { Database } from '../schema.js';

type StoredPhrases = Record<string, Record<string, unknown> | undefined>;

/** Stored JSON to the domain shape: unknown checks and kinds dropped, missing ones empty. */
export function toAuditSettings(
  disabled: readonly string[],
  phrases: StoredPhrases,
): AuditSettings {
  return {
    disabled: AUDIT_CHECKS.filter((c) => disabled.includes(c)),
    phrases: buildAuditPhrases((lang, kind) => {
      const list = phrases[lang]?.[kind];
      return Array.isArray(list) ? list.filter((p): p is string => typeof p === 'string') : [];
    }),
  };
}

export interface AuditSettingsView extends AuditSettings {
  updatedAt: string | null;
}

export async function loadAuditSettings(
  db: Kysely<Database>,
  accountId: string,
): Promise<AuditSettingsView> {
  const row = await db
    .selectFrom('audit_settings')
    .select(['disabled', 'phrases', 'updated_at'])
    .where('account_id', '=', accountId)
    .executeTakeFirst();
  if (!row) return { ...DEFAULT_AUDIT_SETTINGS, updatedAt: null };
  return {
    ...toAuditSettings(row.disabled, row.phrases as StoredPhrases),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}
