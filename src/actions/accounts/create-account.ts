import { randomUUID } from 'node:crypto';
import type { AccountSettings } from '../../store/schema.js';
import type { ActionContext } from '../context.js';

export const DEFAULT_ACCOUNT_SETTINGS: AccountSettings = {
  defaultLimit: 5,
  sla: { yellowMs: 30_000, redMs: 60_000 },
  serviceLevelTargetMs: 20_000,
  categoryRequired: false,
  routing: { mode: 'least_loaded', languageRouting: false, languageTimeoutMs: 60_000 },
  workingHours: null,
  offlineGraceMs: null,
  newOperatorsOnline: false,
};

export interface CreateAccountInput {
  name: string;
  settings?: Partial<AccountSettings>;
}

/** Run with a fresh account id as scope: `perform(s, { accountId: newId(), actor }, ...)`. */
export async function createAccount(ctx: ActionContext, input: CreateAccountInput) {
  const settings = { ...DEFAULT_ACCOUNT_SETTINGS, ...input.settings };
  await ctx.trx
    .insertInto('accounts')
    .values({ id: ctx.accountId, name: input.name, settings: JSON.stringify(settings) })
    .execute();
  return { id: ctx.accountId, name: input.name, settings };
}

export const newId = (): string => randomUUID();
