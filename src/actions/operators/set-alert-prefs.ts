import { type AlertPrefs, alertPrefsOf } from '../../domain/alerts.js';
import type { ActionContext } from '../context.js';
import { authorize } from '../policy.js';

/**
 * An operator switches their own alerts on or off; kept on the operator so
 * they follow them to every browser. Their own preference: no event, no
 * audit entry (their other tabs hear of it over a BroadcastChannel).
 */
export async function setAlertPrefs(
  ctx: ActionContext,
  input: { operatorId: string; alerts: Partial<AlertPrefs> },
): Promise<AlertPrefs> {
  authorize(ctx.actor, 'conversation.work');
  const row = await ctx.trx
    .selectFrom('operators')
    .select('alerts')
    .where('id', '=', input.operatorId)
    .where('account_id', '=', ctx.accountId)
    .forUpdate()
    .executeTakeFirstOrThrow();
  const alerts = alertPrefsOf({ ...(row.alerts ?? {}), ...input.alerts });
  await ctx.trx
    .updateTable('operators')
    .set({ alerts: JSON.stringify(alerts) })
    .where('id', '=', input.operatorId)
    .where('account_id', '=', ctx.accountId)
    .execute();
  return alerts;
}
