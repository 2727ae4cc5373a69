// Account configuration the workspace reads everywhere: operators, teams,
// channels, categories and canned responses. Refetched after admin changes.
import { api } from '../api/client';
import type { CannedResponse, Category, ChannelView, OperatorView, TeamView } from '../api/types';
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
    api.get<{ operators: OperatorView[] }>('/operators'),
    api.get<{ teams: TeamView[] }>('/teams'),
    api.get<{ channels: ChannelView[] }>('/channels'),
    api.get<{ categories: Category[] }>('/categories'),
    api.get<{ cannedResponses: CannedResponse[] }>('/canned-responses'),
  ]);
  reference.set({
    operators: operators.operators,
    teams: teams.teams,
    channels: channels.channels,
    categories: categories.categories,
    canned: canned.cannedResponses,
  });
}

export function upsertOperator(operator: OperatorView): void {
  reference.set((r) => {
    const exists = r.operators.some((o) => o.id === operator.id);
    return {
      ...r,
      operators: exists
        ? r.operators.map((o) => (o.id === operator.id ? operator : o))
        : [...r.operators, operator].sort((a, b) => a.name.localeCompare(b.name)),
    };
  });
}
