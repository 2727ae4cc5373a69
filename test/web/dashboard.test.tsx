// @vitest-environment happy-dom
/// <reference types="node" />
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Dashboard, DashboardFigures } from '../../web/src/api/reports';
import { I18nProvider, type Lang } from '../../web/src/i18n';
import { DashboardView } from '../../web/src/views/dashboard/dashboard-view';
import { callsTo, mockApi, type Recorded, signInAs } from './api-mock';
import { type Drawn, installCanvas } from './canvas';

// The viewer's zone is what "today" is cut in; the answer names the zone it used.
process.env.TZ = 'Europe/Moscow';

const EMPTY: DashboardFigures = {
  conversations: 0,
  serviceLevel: null,
  firstResponseAvgS: null,
  missed: 0,
  likes: 0,
  auditScore: null,
};

function hours(byHour: Record<number, Partial<DashboardFigures>>, through: number) {
  return Array.from({ length: through + 1 }, (_, hour) => ({ hour, ...EMPTY, ...byHour[hour] }));
}

const DASHBOARD: Dashboard = {
  timeZone: 'Europe/Moscow',
  serviceLevelThresholdS: 20,
  today: {
    from: '2026-12-06T21:00:00.000Z',
    to: '2026-12-07T08:30:00.000Z',
    figures: {
      conversations: 1234,
      serviceLevel: 0.753,
      firstResponseAvgS: 29.24,
      missed: 3,
      likes: 12,
      auditScore: 0.875,
    },
    hours: hours({ 9: { conversations: 600, serviceLevel: 0.7 }, 10: { conversations: 634 } }, 11),
  },
  lastWeek: {
    from: '2026-11-29T21:00:00.000Z',
    to: '2026-11-30T08:30:00.000Z',
    figures: {
      conversations: 1100,
      serviceLevel: 0.8,
      firstResponseAvgS: 65,
      missed: 5,
      likes: 9,
      auditScore: null,
    },
    hours: hours({ 9: { conversations: 500 }, 10: { conversations: 600 } }, 11),
  },
};

function show(lang: Lang) {
  return render(
    <I18nProvider lang={lang}>
      <DashboardView />
    </I18nProvider>,
  );
}

const plain = (el: Element) => (el.textContent ?? '').replace(/\u00a0/g, ' ');

describe('supervisor dashboard', () => {
  let drawn: Drawn;
  let calls: Recorded[];
  beforeEach(() => {
    drawn = installCanvas();
    signInAs('supervisor');
    calls = mockApi({ 'GET /reports/dashboard': () => DASHBOARD });
  });
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it('shows each figure today and a week ago, formatted, with an hourly sparkline (en)', async () => {
    show('en');
    const card = (name: string) => screen.getByRole('region', { name });
    await screen.findByRole('region', { name: 'Conversations' });
    expect(callsTo(calls, 'GET', '/reports/dashboard')[0]?.query.get('tz')).toBe('Europe/Moscow');
    expect(plain(card('Conversations'))).toContain('1,234Same weekday last week: 1,100');
    expect(plain(card('Service level'))).toContain('75%Same weekday last week: 80%');
    expect(plain(card('First response, average'))).toContain(
      '29.2 sSame weekday last week: 1 min 05 s',
    );
    expect(plain(card('Missed'))).toContain('3Same weekday last week: 5');
    expect(plain(card('Likes'))).toContain('12Same weekday last week: 9');
    expect(plain(card('Audit score'))).toContain('88%Same weekday last week: —');
    expect(plain(screen.getByText(/^Today until/))).toBe(
      'Today until 11:30 AM compared with Mon, Nov 30 until the same time.',
    );
    // One sparkline per figure, drawn (two lines each), no axes on them.
    const sparklines = within(card('Conversations')).getByRole('img', {
      name: 'Conversations by hour, today',
    });
    expect(sparklines).toBeTruthy();
    await waitFor(() => expect(drawn.strokes).toBeGreaterThanOrEqual(2));
    expect(drawn.texts).toEqual([]);
  });

  it('speaks Russian', async () => {
    show('ru');
    const card = await screen.findByRole('region', { name: 'Первый ответ, среднее' });
    expect(plain(card)).toContain('29,2 сТот же день неделю назад: 1 мин 05 с');
    expect(plain(screen.getByRole('region', { name: 'Диалоги' }))).toContain('1 234');
    expect(plain(screen.getByRole('region', { name: 'Уровень сервиса' }))).toContain('75 %');
    expect(plain(screen.getByText(/^Сегодня до/))).toBe(
      'Сегодня до 11:30 в сравнении с пн, 30 нояб. до того же времени.',
    );
  });
});
