// Account configuration the workspace reads everywhere: operators, teams,
// channels, categories and canned responses. Refetched after admin changes.
import { api } from '../api/client';
import type {
  CannedResponse,
  CannedResponseList,
  Category,
  CategoryList,
  ChannelList,
  ChannelView,
  OperatorList,
  OperatorView,
  TeamList,
  TeamView,
} from '../api/types';
import { createStore } from './store';

export interface Reference {
  operators: OperatorView[];
  teams: TeamView[];
  channels: ChannelView[];
  categories: Category[];
  canned: CannedResponse[];
}

export const reference = createStore<Reference>({
  operators: [],
  teams: [],
  channels: [],
  categories: [],
  canned: [],
});

export async function loadReference(): Promise<void> {
  const [operators, teams, channels, categories, canned] = await Promise.all([
    api.get<OperatorList>('/operators'),
    api.get<TeamList>('/teams'),
    api.get<ChannelList>('/channels'),
    api.get<CategoryList>('/categories'),
    api.get<CannedResponseList>('/canned-responses'),
  ]);
  reference.set({
    operators: operators.operators,
    teams: teams.teams,
    channels: channels.channels,
    categories: categories.categories,
    canned: canned.cannedResponses,
  });
}

// An operator, team or channel from an event replaces its old version, in the
// order the API lists them.
const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);

function upsert<T extends { id: string }>(list: T[], item: T, order: (a: T, b: T) => number): T[] {
  return [...list.filter((x) => x.id !== item.id), item].sort(order);
}

export function upsertOperator(operator: OperatorView): void {
  reference.set((r) => ({ ...r, operators: upsert(r.operators, operator, byName) }));
}

export function removeOperator(operatorId: string): void {
  reference.set((r) => ({ ...r, operators: r.operators.filter((o) => o.id !== operatorId) }));
}

export function upsertTeam(team: TeamView): void {
  reference.set((r) => ({ ...r, teams: upsert(r.teams, team, byName) }));
}

export function upsertChannel(channel: ChannelView): void {
  reference.set((r) => ({
    ...r,
    channels: upsert(r.channels, channel, (a, b) => a.priority - b.priority || byName(a, b)),
  }));
}
