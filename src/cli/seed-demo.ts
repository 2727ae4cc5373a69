// The demo account `npm start` creates on an empty database (issue #2 § Demo).
// It goes through the same actions as everything else.
import { createAccount, newId } from '../actions/accounts/create-account.js';
import { createCannedResponse } from '../actions/catalog/create-canned-response.js';
import { createCategory } from '../actions/catalog/create-category.js';
import { createChannel } from '../actions/channels/create-channel.js';
import { perform, type Services } from '../actions/context.js';
import { createOperator } from '../actions/operators/create-operator.js';
import { createTeam } from '../actions/teams/create-team.js';

export const DEMO_DOMAIN = 'demo.test';

export interface DemoAccount {
  accountId: string;
  widgetKey: string;
  logins: { email: string; role: string; limit: number }[];
}

export async function seedDemo(services: Services, password: string): Promise<DemoAccount> {
  const scope = { accountId: newId(), actor: { kind: 'system' as const } };
  return (
    await perform(services, scope, async (ctx) => {
      await createAccount(ctx, { name: 'Demo Shop' });
      const sales = await createTeam(ctx, { name: 'Sales', mode: 'least_loaded' });
      const support = await createTeam(ctx, { name: 'Support', mode: 'least_loaded' });
      const people = [
        {
          email: `admin@${DEMO_DOMAIN}`,
          name: 'Admin',
          role: 'admin' as const,
          limit: 5,
          teamIds: [sales.id, support.id],
        },
        {
          email: `natalia@${DEMO_DOMAIN}`,
          name: 'Natalia',
          role: 'supervisor' as const,
          limit: 5,
          teamIds: [sales.id, support.id],
        },
        {
          email: `tatiana@${DEMO_DOMAIN}`,
          name: 'Tatiana',
          role: 'operator' as const,
          limit: 5,
          teamIds: [support.id],
        },
        {
          email: `maxim@${DEMO_DOMAIN}`,
          name: 'Maxim',
          role: 'operator' as const,
          limit: 5,
          teamIds: [sales.id],
        },
        {
          email: `ivan@${DEMO_DOMAIN}`,
          name: 'Ivan',
          role: 'operator' as const,
          limit: 2,
          teamIds: [support.id],
        },
      ];
      for (const p of people)
        await createOperator(ctx, { ...p, password, languages: ['en', 'ru'] });
      const widget = await createChannel(ctx, {
        kind: 'widget',
        name: 'Website chat',
        priority: 1,
        defaultTeamId: support.id,
        settings: { typingPreview: true, demo: true },
      });
      await createChannel(ctx, {
        kind: 'telegram',
        name: 'Telegram',
        priority: 2,
        defaultTeamId: support.id,
      });
      await createChannel(ctx, {
        kind: 'email',
        name: 'E-mail',
        priority: 3,
        defaultTeamId: sales.id,
      });
      for (const name of ['Order status', 'Delivery', 'Returns', 'Payment', 'Spam'])
        await createCategory(ctx, { name });
      await createCannedResponse(ctx, {
        shortcut: 'hello',
        text: 'Hello, {{contact.name}}! My name is {{operator.name}}. How can I help?',
      });
      await createCannedResponse(ctx, {
        shortcut: 'wait',
        text: 'Let me check this for you, it will take a couple of minutes.',
      });
      await createCannedResponse(ctx, {
        shortcut: 'bye',
        text: 'Did that help? Is there anything else I can do for you? Have a nice day!',
      });
      return {
        accountId: ctx.accountId,
        widgetKey: widget.publicKey,
        logins: people.map((p) => ({ email: p.email, role: p.role, limit: p.limit })),
      };
    })
  ).result;
}
