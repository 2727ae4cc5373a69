// @vitest-environment happy-dom
// The bot's and the flags' charts beside their tables (issue 17): shown when
// the card is grouped by time, with the table's numbers in the interface language.
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { I18nProvider } from '../../web/src/i18n';
import { StatsView } from '../../web/src/views/stats/stats-view';
import { type Drawn, installCanvas } from './canvas';
import { csvHref, lastQuery, NOW, plain, serve, signInSupervisor } from './stats-fixtures';

function Russian({ children }: { children: ReactNode }) {
  return <I18nProvider lang="ru">{children}</I18nProvider>;
}
function English({ children }: { children: ReactNode }) {
  return <I18nProvider lang="en">{children}</I18nProvider>;
}

/** The tooltip of a chart's first (Home) or last (End) period. */
function tooltip(chart: HTMLElement, key: 'Home' | 'End'): string {
  fireEvent.keyDown(chart, { key });
  return plain(within(chart).getByRole('tooltip'));
}

function cells(region: HTMLElement, rowName: string): string[] {
  const row = within(region).getByRole('rowheader', { name: rowName }).closest('tr')!;
  return [...row.querySelectorAll('td')].map((c) => plain(c));
}

describe('statistics: bot and flag charts', () => {
  let drawn: Drawn;
  beforeEach(() => {
    drawn = installCanvas();
    vi.useFakeTimers({ now: NOW, toFake: ['Date'] });
    signInSupervisor();
  });
  afterEach(() => {
    cleanup();
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('charts the bot by day and the flags by hour with the numbers of their tables (en)', async () => {
    const calls = serve();
    render(<StatsView />, { wrapper: English });
    const bot = screen.getByRole('region', { name: 'Bot' });
    const flags = screen.getByRole('region', { name: 'Flagged conversations' });
    await within(bot).findByRole('rowheader', { name: 'Website' });
    await within(flags).findByRole('rowheader', { name: 'Telegram' });
    // By channel: tables only.
    expect(bot.querySelector('.chart')).toBeNull();
    expect(flags.querySelector('.chart')).toBeNull();

    fireEvent.change(within(bot).getByLabelText('Bot by'), { target: { value: 'day' } });
    await waitFor(() => expect(bot.querySelectorAll('.u-over')).toHaveLength(2));
    expect(lastQuery(calls, '/reports/bot')).toMatchObject({ by: 'day', tz: 'Europe/Moscow' });
    expect(
      within(bot)
        .getAllByRole('img')
        .map((f) => f.getAttribute('aria-label')),
    ).toEqual([
      'Containment per period: chart of 2 periods. Use the arrow keys to read each value.',
      'Resolved by the bot and handed over: chart of 2 periods. Use the arrow keys to read each value.',
    ]);
    const [containment, outcomes] = within(bot).getAllByRole('img');
    expect(tooltip(containment!, 'Home')).toBe('Tue, Mar 10Containment: 50%');
    expect(tooltip(containment!, 'End')).toBe('Wed, Mar 11Containment: 0%');
    expect(tooltip(outcomes!, 'Home')).toBe('Tue, Mar 10Resolved by the bot: 5Handed over: 4');
    expect(tooltip(outcomes!, 'End')).toBe('Wed, Mar 11Resolved by the bot: 0Handed over: 3');
    // The same figures in the table, its rows named by the period.
    expect(cells(bot, 'Tue, Mar 10')).toEqual(['10', '5', '4', '50%', '1 min 15 s']);
    expect(cells(bot, 'Wed, Mar 11')).toEqual(['3', '0', '3', '0%', '20.5 s']);
    expect(Object.fromEntries(csvHref('Bot').searchParams)).toMatchObject({
      by: 'day',
      tz: 'Europe/Moscow',
      format: 'csv',
    });

    fireEvent.change(within(flags).getByLabelText('Flags by'), { target: { value: 'hour' } });
    await waitFor(() => expect(flags.querySelectorAll('.u-over')).toHaveLength(2));
    expect(lastQuery(calls, '/reports/flags')).toMatchObject({ by: 'hour', tz: 'Europe/Moscow' });
    const [flagged, answer] = within(flags).getAllByRole('img');
    expect(flagged!.getAttribute('aria-label')).toMatch(/^Flagged conversations per period: /);
    expect(answer!.getAttribute('aria-label')).toMatch(/^Time to answer after the flag: /);
    expect(tooltip(flagged!, 'Home')).toBe('Mar 10, 9:00 AM–10:00 AMFlagged: 2');
    expect(tooltip(answer!, 'Home')).toBe(
      'Mar 10, 9:00 AM–10:00 AMAverage time to answer: 45 sMedian time to answer: 45 s',
    );
    expect(tooltip(answer!, 'End')).toBe(
      'Mar 10, 10:00 AM–11:00 AMAverage time to answer: —Median time to answer: —',
    );
    expect(cells(flags, 'Mar 10, 9:00 AM–10:00 AM')).toEqual([
      '8',
      '2',
      '25%',
      '1',
      '45 s',
      '45 s',
    ]);
    expect(Object.fromEntries(csvHref('Flagged conversations').searchParams)).toMatchObject({
      by: 'hour',
      tz: 'Europe/Moscow',
    });
    expect(drawn.texts).toContain('Time (Europe/Moscow)');
    expect(drawn.texts).toContain('Seconds');

    // Back to channels: the charts go, the tables stay.
    fireEvent.change(within(bot).getByLabelText('Bot by'), { target: { value: 'channel' } });
    await within(bot).findByRole('rowheader', { name: 'Website' });
    expect(bot.querySelector('.chart')).toBeNull();
  });

  it('speaks Russian: the bot and the flags by week', async () => {
    serve();
    render(<StatsView />, { wrapper: Russian });
    const bot = screen.getByRole('region', { name: 'Бот' });
    const flags = screen.getByRole('region', { name: 'Диалоги с флагом' });
    await within(bot).findByRole('rowheader', { name: 'Website' });

    fireEvent.change(within(bot).getByLabelText('Разбивка бота'), { target: { value: 'week' } });
    await waitFor(() => expect(bot.querySelectorAll('.u-over')).toHaveLength(2));
    const [containment, outcomes] = within(bot).getAllByRole('img');
    expect(containment!.getAttribute('aria-label')).toMatch(/^Доля решённых ботом по периодам: /);
    expect(tooltip(containment!, 'Home')).toBe('10–16 мар.Доля решённых: 50 %');
    expect(tooltip(outcomes!, 'End')).toBe('11–17 мар.Решено ботом: 0Передано оператору: 3');
    expect(cells(bot, '10–16 мар.')).toEqual(['10', '5', '4', '50 %', '1 мин 15 с']);
    expect(cells(bot, '11–17 мар.')).toEqual(['3', '0', '3', '0 %', '20,5 с']);

    fireEvent.change(within(flags).getByLabelText('Разбивка флагов'), {
      target: { value: 'week' },
    });
    await waitFor(() => expect(flags.querySelectorAll('.u-over')).toHaveLength(2));
    const [flagged, answer] = within(flags).getAllByRole('img');
    expect(flagged!.getAttribute('aria-label')).toMatch(/^Диалоги с флагом по периодам: /);
    expect(tooltip(flagged!, 'End')).toBe('9–15 мар.С флагом: 1');
    expect(tooltip(answer!, 'Home')).toBe(
      '2–8 мар.Среднее время ответа: 45 сМедиана времени ответа: 45 с',
    );
    expect(cells(flags, '2–8 мар.')).toEqual(['8', '2', '25 %', '1', '45 с', '45 с']);
    expect(drawn.texts).toContain('Время (Europe/Moscow)');
    expect(drawn.texts).toContain('Проценты');
    expect(drawn.texts).toContain('Секунды');
  });
});
