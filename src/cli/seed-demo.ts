// The demo account `npm start` creates on an empty database (issue #2 § Demo).
// It goes through the same actions as everything else.
import { createAccount, newId } from '../actions/accounts/create-account.js';
import { createCannedResponse } from '../actions/catalog/create-canned-response.js';
import { createCategory } from '../actions/catalog/create-category.js';
import { createChannel } from '../actions/channels/create-channel.js';
import { perform, type Services } from '../actions/context.js';
import { createOperator } from '../actions/operators/create-operator.js';
import { createTeam } from '../actions/teams/create-team.js';
import {
  DEMO_OPERATORS,
  type DemoChannel,
  type DemoTeam,
} from '../domain/demo-history/profiles.js';

export const DEMO_DOMAIN = 'demo.test';

export interface DemoAccount {
  accountId: string;
  widgetKey: string;
  logins: { email: string; role: string; limit: number }[];
  /** Ids of what the history refers to by name (src/domain/demo-history). */
  directory: DemoDirectory;
}

export interface DemoDirectory {
  /** By profile key (`tatiana`). */
  operators: Record<string, string>;
  teams: Record<DemoTeam, string>;
  channels: Record<DemoChannel, string>;
  categories: Record<string, string>;
}

export async function seedDemo(services: Services, password: string): Promise<DemoAccount> {
  const scope = { accountId: newId(), actor: { kind: 'system' as const } };
  return (
    await perform(services, scope, async (ctx) => {
      await createAccount(ctx, { name: 'Demo Shop' });
      const sales = await createTeam(ctx, { name: 'Sales', mode: 'least_loaded' });
      const support = await createTeam(ctx, { name: 'Support', mode: 'least_loaded' });
      const teamIds = { sales: sales.id, support: support.id };
      const operators: Record<string, string> = {};
      for (const p of DEMO_OPERATORS) {
        const created = await createOperator(ctx, {
          email: `${p.key}@${DEMO_DOMAIN}`,
          name: p.name,
          role: p.role,
          limit: p.limit,
          teamIds: p.teams.map((t) => teamIds[t]),
          // Colleagues without a login: they work in the demo's history only.
          password: p.login ? password : null,
          languages: [...p.languages],
        });
        operators[p.key] = created.id;
      }
      const widget = await createChannel(ctx, {
        kind: 'widget',
        name: 'Website chat',
        priority: 1,
        defaultTeamId: support.id,
        settings: { typingPreview: true, demo: true },
      });
      const telegram = await createChannel(ctx, {
        kind: 'telegram',
        name: 'Telegram',
        priority: 2,
        defaultTeamId: support.id,
      });
      const email = await createChannel(ctx, {
        kind: 'email',
        name: 'E-mail',
        priority: 3,
        defaultTeamId: sales.id,
      });
      const categories: Record<string, string> = {};
      for (const name of ['Order status', 'Delivery', 'Returns', 'Payment', 'Spam'])
        categories[name] = (await createCategory(ctx, { name })).id;
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
        logins: DEMO_OPERATORS.filter((p) => p.login).map((p) => ({
          email: `${p.key}@${DEMO_DOMAIN}`,
          role: p.role,
          limit: p.limit,
        })),
        directory: {
          operators,
          teams: teamIds,
          channels: { widget: widget.id, telegram: telegram.id, email: email.id },
          categories,
        },
      };
    })
  ).result;
}
