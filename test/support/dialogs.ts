// Plays a whole dialog through the real actions on a controllable clock:
// a contact writes, an operator takes the conversation, both talk, the
// operator closes. For audit and staffing tests, which need closed dialogs
// with known timing.
import { randomUUID } from 'node:crypto';
import { identifyContact } from '../../src/actions/contacts/identify-contact.js';
import { perform, type Scope, type Services } from '../../src/actions/context.js';
import { closeConversation } from '../../src/actions/conversations/close-conversation.js';
import { startConversation } from '../../src/actions/conversations/start-conversation.js';
import { takeConversation } from '../../src/actions/conversations/take-conversation.js';
import { receiveContactMessage } from '../../src/actions/messages/receive-contact-message.js';
import { sendMessage } from '../../src/actions/messages/send-message.js';
import { createApiToken } from '../../src/actions/sessions/create-api-token.js';
import type { TestAccount } from './harness.js';

export type Headers = Record<string, string>;

/** Bearer-token headers acting as the scope's operator (no login, so no login rate limit). */
export async function tokenHeaders(services: Services, scope: Scope): Promise<Headers> {
  const { result } = await perform(services, scope, (ctx) => createApiToken(ctx, { name: 'test' }));
  return { authorization: `Bearer ${result.token}`, 'content-type': 'application/json' };
}

/** A settable clock for `startTestServer({ now })`. */
export function testClock(start: string) {
  let at = Date.parse(start);
  return {
    now: () => new Date(at),
    set(iso: string | number) {
      at = typeof iso === 'number' ? iso : Date.parse(iso);
    },
    get: () => at,
  };
}

export type Line = ['contact' | 'operator', number, string];

export interface PlayOptions {
  account: TestAccount;
  operator: string;
  /** The first message's time, ms since epoch; lines give seconds from it. */
  startAt: number;
  lines: readonly Line[];
  contactName?: string | null;
  contactEmail?: string | null;
  channel?: string;
  /** Seconds from start at which the operator takes the conversation (default: before their first line). */
  takeAt?: number;
  /** Seconds from start at which the operator closes (default: 5 s after the last line). */
  closeAt?: number;
}

/** Plays the dialog and returns the closed conversation's id. */
export async function playDialog(
  services: Services,
  clock: ReturnType<typeof testClock>,
  o: PlayOptions,
): Promise<string> {
  const channelId = o.account.channels[o.channel ?? 'widget']!.id;
  const at = (seconds: number) => clock.set(o.startAt + seconds * 1000);
  at(0);
  const { result: contact } = await perform(services, o.account.system, (ctx) =>
    identifyContact(ctx, {
      channelId,
      externalId: randomUUID(),
      name: o.contactName ?? null,
      email: o.contactEmail ?? null,
    }),
  );
  const { result: started } = await perform(services, o.account.system, (ctx) =>
    startConversation(ctx, { channelId, contactId: contact.id }),
  );
  const conversationId = started.conversation.id;
  const contactScope = {
    accountId: o.account.accountId,
    actor: { kind: 'contact' as const, id: contact.id, channelId },
  };
  const operatorScope = o.account.scopeOf(o.operator);
  const firstOperatorLine = o.lines.find((l) => l[0] === 'operator')?.[1] ?? 0;
  let taken = false;
  const take = async (seconds: number) => {
    at(seconds);
    await perform(services, operatorScope, (ctx) =>
      takeConversation(ctx, { conversationId, operatorId: o.account.operator(o.operator).id }),
    );
    taken = true;
  };
  for (const [author, seconds, text] of o.lines) {
    if (!taken && seconds >= (o.takeAt ?? firstOperatorLine) && author === 'operator') {
      await take(o.takeAt ?? seconds);
    }
    at(seconds);
    if (author === 'contact') {
      await perform(services, contactScope, (ctx) =>
        receiveContactMessage(ctx, { channelId, contactId: contact.id, text }),
      );
    } else {
      await perform(services, operatorScope, (ctx) => sendMessage(ctx, { conversationId, text }));
    }
  }
  if (!taken) await take(o.takeAt ?? 0);
  const last = o.lines[o.lines.length - 1]?.[1] ?? 0;
  at(o.closeAt ?? last + 5);
  await perform(services, operatorScope, (ctx) => closeConversation(ctx, { conversationId }));
  return conversationId;
}

/** DESIGN §5 done right: every check passes. */
export const GOOD_DIALOG: readonly Line[] = [
  ['contact', 0, "Hi, I can't log into my account"],
  [
    'operator',
    10,
    'Hi Emily, thanks for reaching out! What happens when you try to log in — do you see an error message?',
  ],
  ['contact', 40, 'It says my password is wrong'],
  [
    'operator',
    55,
    "Got it. Have you tried resetting your password with the 'Forgot password' link?",
  ],
  ['contact', 70, 'yes but no email arrives'],
  ['operator', 80, 'Let me look into this, it may take a couple of minutes.'],
  [
    'operator',
    250,
    "Emily, the reset emails were going to an old address. I've updated it to the one in your profile and sent a new link.",
  ],
  ['operator', 255, 'Did that work for you?'],
  ['contact', 300, "Yes, I'm in now!"],
  ['operator', 305, 'Great! Is there anything else I can help you with?'],
  ['contact', 320, 'No, thanks'],
  ['operator', 325, "You're welcome, Emily. Have a great day!"],
];

/** Everything but wait_warning (na) fails. */
export const BAD_DIALOG: readonly Line[] = [
  ['contact', 0, 'do you deliver on Sundays?'],
  ['operator', 30, 'yes'],
  ['contact', 40, 'is it free?'],
  ['operator', 45, 'no'],
  ['contact', 60, 'how much?'],
  ['operator', 80, 'Please call our hotline for pricing.'],
  ['operator', 85, 'Or see the FAQ on our website.'],
];
