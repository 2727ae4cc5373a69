// An admin's audit settings for the account (issue 19): checks switched off,
// and the account's own greeting, farewell and banned phrases per language.
// They apply from the next audit on; results already stored keep the settings
// they were made with (a reviewer sees the note "switched off" on those).
import { type AuditSettings, buildAuditPhrases } from '../../domain/audit/index.js';
import { invalid } from '../../errors.js';
import { type AuditSettingsView, loadAuditSettings } from '../../store/queries/audit-settings.js';
import type { ActionContext } from '../context.js';
import { authorize } from '../policy.js';

export const MAX_AUDIT_PHRASES = 50;
export const MAX_AUDIT_PHRASE_LENGTH = 100;

/** Trimmed, de-duplicated phrases; a phrase must have a letter or digit to match anything. */
function cleanPhrases(settings: AuditSettings): AuditSettings['phrases'] {
  return buildAuditPhrases((lang, kind) => {
    const field = `phrases.${lang}.${kind}`;
    const list = settings.phrases[lang][kind];
    if (list.length > MAX_AUDIT_PHRASES)
      throw invalid(field, `At most ${MAX_AUDIT_PHRASES} phrases.`, { reason: 'too_many' });
    const seen = new Set<string>();
    list.forEach((raw, i) => {
      const phrase = raw.trim().replace(/\s+/g, ' ');
      if (!/[\p{L}\p{N}]/u.test(phrase))
        throw invalid(`${field}.${i}`, 'A phrase needs at least one word.', { reason: 'required' });
      if (phrase.length > MAX_AUDIT_PHRASE_LENGTH)
        throw invalid(`${field}.${i}`, `At most ${MAX_AUDIT_PHRASE_LENGTH} characters.`, {
          reason: 'too_long',
        });
      seen.add(phrase);
    });
    return [...seen];
  });
}

export async function updateAuditSettings(
  ctx: ActionContext,
  input: AuditSettings,
): Promise<AuditSettingsView> {
  authorize(ctx.actor, 'account.configure');
  const phrases = cleanPhrases(input);
  const row = {
    disabled: [...new Set(input.disabled)],
    phrases: JSON.stringify(phrases),
    updated_by: ctx.actor.kind === 'operator' ? ctx.actor.id : null,
    updated_at: ctx.now,
  };
  await ctx.trx
    .insertInto('audit_settings')
    .values({ account_id: ctx.accountId, ...row })
    .onConflict((oc) => oc.column('account_id').doUpdateSet(row))
    .execute();
  await ctx.trx
    .insertInto('audit_log')
    .values({
      account_id: ctx.accountId,
      actor_id: ctx.actor.kind === 'operator' ? ctx.actor.id : null,
      action: 'audit_settings.update',
      details: JSON.stringify({ disabled: row.disabled, phrases }),
    })
    .execute();
  return loadAuditSettings(ctx.trx, ctx.accountId);
}
