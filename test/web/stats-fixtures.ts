/// <reference types="node" />
// Shared fixtures of the statistics page tests: a supervisor in Moscow, two
// operators and channels, and the answers of the report endpoints.
import { screen } from '@testing-library/react';
import { expect } from 'vitest';
import type { BreakdownReport, DrillRow, OperatorReportRow } from '../../web/src/api/reports';
import type { OperatorView } from '../../web/src/api/types';
import { reference } from '../../web/src/state/reference';
import { callsTo, mockApi, type Recorded, signInAs } from './api-mock';
import { channel, TEAM } from './setup';

// The viewer sits in Moscow while the account has no zone of its own (UTC):
// reports are cut and labelled in the viewer's zone.
process.env.TZ = 'Europe/Moscow';

export const NOW = Date.parse('2026-03-12T10:00:00Z');

export function plain(el: Element | null): string {
  return (el?.textContent ?? '').replace(/\u00a0/g, ' ');
}
export const DAY = 86_400_000;

export function operator(id: string, name: string): OperatorView {
  return {
    id,
    email: `${id}@test.example`,
    name,
    role: 'operator',
    status: 'online',
    limit: 5,
    openCount: 0,
    languages: ['en'],
    teamIds: [TEAM.id],
    active: true,
    invited: false,
  };
}

const NATALIA: OperatorReportRow = {
  operatorId: 'op-natalia',
  operatorName: 'Natalia',
  conversations: 12,
  firstResponseAvgS: 14.25,
  firstResponseMedianS: 9,
  answeredClientMessages: 40,
  unansweredClientMessages: 2,
  reactionAvgS: 75,
  durationAvgS: 600,
  likes: 2,
  dislikes: 0,
  likedConversationIds: ['conv-liked-1', 'conv-liked-2'],
  dislikedConversationIds: [],
  targeted: 10,
  nonTargeted: 2,
  auditScore: 0.875,
};

const BREAKDOWN: BreakdownReport = {
  from: new Date(NOW - 7 * DAY).toISOString(),
  to: new Date(NOW).toISOString(),
  by: 'day',
  serviceLevelThresholdS: 20,
  rows: [
    {
      key: '2026-03-09T21:00:00.000Z',
      label: '2026-03-10',
      conversations: 8,
      waitAvgS: 12,
      waitMedianS: 10,
      firstResponseAvgS: 15,
      serviceLevel: 0.75,
      answeredWithinThreshold: 6,
      abandoned: 1,
      targeted: 7,
      nonTargeted: 1,
    },
    {
      key: '2026-03-10T21:00:00.000Z',
      label: '2026-03-11',
      conversations: 0,
      waitAvgS: null,
      waitMedianS: null,
      firstResponseAvgS: null,
      serviceLevel: null,
      answeredWithinThreshold: 0,
      abandoned: 0,
      targeted: 0,
      nonTargeted: 0,
    },
  ],
};

export function drillRow(over: Partial<DrillRow>): DrillRow {
  return {
    conversationId: 'c',
    clientName: 'Olga',
    channelId: 'web',
    channelName: 'Website',
    operatorId: 'op-natalia',
    operatorName: 'Natalia',
    createdAt: '2026-03-12T09:15:00.000Z',
    waitS: 4,
    firstResponseS: 14.25,
    outcome: 'answered',
    rating: 'like',
    ...over,
  };
}

const BOT_BY_CHANNEL = [
  {
    key: 'web',
    label: 'Website',
    conversations: 10,
    resolvedByBot: 5,
    handedOver: 4,
    leftWithBot: 1,
    containmentRate: 0.5,
    botTimeAvgS: 75,
  },
];

/** By day or week the bot report keys rows by the bucket's local start date. */
const BOT_BY_PERIOD = [
  { ...BOT_BY_CHANNEL[0]!, key: '2026-03-10', label: null },
  {
    key: '2026-03-11',
    label: null,
    conversations: 3,
    resolvedByBot: 0,
    handedOver: 3,
    leftWithBot: 0,
    containmentRate: 0,
    botTimeAvgS: 20.5,
  },
];

const FLAGS_BY_CHANNEL = [
  {
    key: 'tg',
    label: 'Telegram',
    conversations: 8,
    flagged: 2,
    flaggedShare: 0.25,
    answered: 1,
    answerAvgS: 45,
    answerMedianS: 45,
  },
];

/** By time the flag report keys rows by the bucket start (an instant); Moscow is UTC+3. */
function flagsByPeriod(by: string | null) {
  const starts =
    by === 'hour'
      ? ['2026-03-10T06:00:00.000Z', '2026-03-10T07:00:00.000Z']
      : by === 'week'
        ? ['2026-03-01T21:00:00.000Z', '2026-03-08T21:00:00.000Z']
        : ['2026-03-09T21:00:00.000Z', '2026-03-10T21:00:00.000Z'];
  return [
    { ...FLAGS_BY_CHANNEL[0]!, key: starts[0]!, label: 'raw' },
    {
      key: starts[1]!,
      label: 'raw',
      conversations: 5,
      flagged: 1,
      flaggedShare: 0.2,
      answered: 0,
      answerAvgS: null,
      answerMedianS: null,
    },
  ];
}

export function serve(): Recorded[] {
  return mockApi({
    'GET /reports/operators': () => ({
      from: BREAKDOWN.from,
      to: BREAKDOWN.to,
      serviceLevelThresholdS: 20,
      rows: [NATALIA],
    }),
    'GET /reports/breakdown': (req) => ({ ...BREAKDOWN, by: req.query.get('by') }),
    'GET /reports/bot': (req) => ({
      from: BREAKDOWN.from,
      to: BREAKDOWN.to,
      by: req.query.get('by') ?? 'channel',
      rows: req.query.get('by') === 'channel' ? BOT_BY_CHANNEL : BOT_BY_PERIOD,
    }),
    'GET /reports/bot-articles': () => ({
      from: BREAKDOWN.from,
      to: BREAKDOWN.to,
      rows: [
        {
          articleId: 'a1',
          title: 'Delivery times',
          shown: 8,
          helped: 3,
          notHelped: 1,
          helpedRate: 0.75,
        },
      ],
    }),
    'GET /reports/flags': (req) => ({
      from: BREAKDOWN.from,
      to: BREAKDOWN.to,
      by: req.query.get('by'),
      rows:
        req.query.get('by') === 'channel' ? FLAGS_BY_CHANNEL : flagsByPeriod(req.query.get('by')),
    }),
    'GET /reports/conversations': (req) => ({
      from: req.query.get('from'),
      to: req.query.get('to'),
      total: 2,
      rows: [
        drillRow({ conversationId: 'conv-liked-1', clientName: 'Olga', channelName: 'Website' }),
        drillRow({
          conversationId: 'conv-liked-2',
          clientName: null,
          channelName: 'Telegram',
          createdAt: '2026-03-11T18:00:00.000Z',
          waitS: null,
          firstResponseS: null,
          outcome: 'abandoned',
        }),
      ],
    }),
    'GET /reports/categories-by-channel': (req) => ({
      channelId: req.query.get('channelId'),
      rows: [
        { categoryId: 'cat-billing', categoryName: 'Billing', conversations: 6 },
        { categoryId: null, categoryName: '—', conversations: 2 },
      ],
    }),
  });
}

export function lastQuery(calls: Recorded[], path: string): Record<string, string> {
  const list = callsTo(calls, 'GET', path);
  expect(list.length).toBeGreaterThan(0);
  return Object.fromEntries(list.at(-1)!.query);
}

export function csvHref(name: string): URL {
  const link = screen.getByRole('link', { name: `Download “${name}” as CSV` });
  return new URL(link.getAttribute('href')!, 'http://app.test');
}

/** A supervisor with two operators, a team and two channels in the reference data. */
export function signInSupervisor() {
  signInAs('supervisor');
  reference.set({
    operators: [operator('op-natalia', 'Natalia'), operator('op-maxim', 'Maxim')],
    teams: [TEAM],
    channels: [channel('web', 1), channel('tg', 2)],
    categories: [],
    canned: [],
  });
}
