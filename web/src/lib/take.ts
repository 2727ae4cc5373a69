// "Assign to me" from a queue, in every distribution mode (issue 15): who may
// take, why not, and the refusal in the operator's own words.
import { takeBlocker } from '../../../src/domain/alerts';
import { api } from '../api/client';
import type { ConversationView, Me } from '../api/types';
import { isMessageKey, type Translate } from '../i18n';
import { describeError } from './errors';

export interface TakeState {
  /** Null when I can take it now; else the reason shown on the disabled control. */
  reason: string | null;
}

export function takeState(t: Translate, me: Me, openCount: number): TakeState {
  const blocker = takeBlocker({
    visibleToMe: true,
    status: me.operator.status,
    openCount,
    limit: me.operator.limit,
  });
  if (blocker === 'at_limit') return { reason: t('take.atLimit', { n: me.operator.limit }) };
  if (blocker === 'not_online') return { reason: t('take.notOnline') };
  return { reason: null };
}

/** Takes the conversation; a refusal comes back as the message to show. */
export async function takeConversation(t: Translate, c: ConversationView): Promise<string | null> {
  try {
    await api.post(`/conversations/${c.id}/take`);
    return null;
  } catch (err) {
    const code = (err as { code?: string }).code;
    const key = `take.error.${code}`;
    return isMessageKey(key) ? t(key) : describeError(t, err).message;
  }
}
