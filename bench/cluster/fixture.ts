// The cluster run's account, made through the real actions: T teams, a widget
// channel per team (its default team), operators spread over the teams, a few
// supervisors, and an API token for each — operators then connect and go
// online through the public API like anyone else.
import { randomUUID } from 'node:crypto';
import { createAccount } from '../../src/actions/accounts/create-account.js';
import { createChannel } from '../../src/actions/channels/create-channel.js';
import { perform, type Services } from '../../src/actions/context.js';
import { createOperator } from '../../src/actions/operators/create-operator.js';
import { createApiToken } from '../../src/actions/sessions/create-api-token.js';
import { createTeam } from '../../src/actions/teams/create-team.js';

export interface FixtureSize {
  teams: number;
  operators: number;
  supervisors: number;
  /** Every operator's limit of open conversations. */
  limit: number;
}

export interface Staff {
  id: string;
  token: string;
  role: 'operator' | 'supervisor';
  teamId: string | null;
  limit: number;
}

export interface Fixture {
  accountId: string;
  teams: string[];
  channels: { id: string; key: string; teamId: string }[];
  staff: Staff[];
}

export async function buildFixture(services: Services, size: FixtureSize): Promise<Fixture> {
  const accountId = randomUUID();
  const tag = accountId.slice(0, 8);
  const system = { accountId, actor: { kind: 'system' as const } };
  const { result } = await perform(services, system, async (ctx) => {
    await createAccount(ctx, { name: `Cluster bench ${tag}` });
    const teams: string[] = [];
    const channels: Fixture['channels'] = [];
    for (let t = 0; t < size.teams; t++) {
      const team = await createTeam(ctx, { name: `Team ${t + 1}`, mode: 'least_loaded' });
      teams.push(team.id);
      const channel = await createChannel(ctx, {
        kind: 'widget',
        name: `Site ${t + 1}`,
        priority: 1,
        defaultTeamId: team.id,
        settings: {},
      });
      channels.push({ id: channel.id, key: channel.publicKey, teamId: team.id });
    }
    const people: Omit<Staff, 'token'>[] = [];
    for (let i = 0; i < size.operators + size.supervisors; i++) {
      const supervisor = i >= size.operators;
      const teamId = supervisor ? null : teams[i % teams.length]!;
      const op = await createOperator(ctx, {
        email: `${supervisor ? 'sup' : 'op'}${i}-${tag}@cluster.test`,
        name: `${supervisor ? 'Supervisor' : 'Operator'} ${i + 1}`,
        password: null,
        role: supervisor ? 'supervisor' : 'operator',
        limit: size.limit,
        teamIds: teamId ? [teamId] : [],
      });
      people.push({
        id: op.id,
        role: supervisor ? 'supervisor' : 'operator',
        teamId,
        limit: size.limit,
      });
    }
    return { teams, channels, people };
  });
  const staff: Staff[] = [];
  for (const p of result.people) {
    const scope = { accountId, actor: { kind: 'operator' as const, id: p.id, role: p.role } };
    const { result: token } = await perform(services, scope, (ctx) =>
      createApiToken(ctx, { name: 'cluster bench' }),
    );
    staff.push({ ...p, token: token.token });
  }
  return { accountId, teams: result.teams, channels: result.channels, staff };
}
