// @vitest-environment happy-dom
// Settings forms in Russian: a closed day saves as a closed day, and the
// server's refusals show in Russian at the field they name, never the
// validator's English.
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { I18nProvider } from '../../web/src/i18n';
import { reference } from '../../web/src/state/reference';
import { AccountAdmin } from '../../web/src/views/admin/account-admin';
import { ChannelForm } from '../../web/src/views/admin/channel-form';
import { TeamForm } from '../../web/src/views/admin/team-form';
import { WebhookForm } from '../../web/src/views/admin/webhook-form';
import { callsTo, mockApi, signInAs } from './api-mock';
import { TEAM } from './setup';

const Russian = ({ children }: { children: ReactNode }) => (
  <I18nProvider lang="ru">{children}</I18nProvider>
);

const refusal = (error: Record<string, unknown>) =>
  new Response(JSON.stringify({ error: { code: 'validation_failed', ...error } }), {
    status: 400,
    headers: { 'content-type': 'application/json' },
  });

const REFERENCE_ROUTES = {
  'GET /operators': () => ({ operators: [] }),
  'GET /teams': () => ({ teams: [TEAM] }),
  'GET /channels': () => ({ channels: [] }),
  'GET /categories': () => ({ categories: [] }),
  'GET /canned-responses': () => ({ cannedResponses: [] }),
};

describe('settings forms in Russian', () => {
  beforeEach(() => {
    signInAs('admin');
    reference.set({ operators: [], teams: [TEAM], channels: [], categories: [], canned: [] });
  });
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it('saves working hours with a closed day, and shows an overlap in Russian at its day', async () => {
    const calls = mockApi({
      ...REFERENCE_ROUTES,
      'PATCH /account': () =>
        refusal({
          message: 'Intervals of one day overlap.',
          field: 'settings.workingHours.days.tue.1',
          reason: 'overlap',
        }),
    });
    render(<AccountAdmin />, { wrapper: Russian });
    fireEvent.click(
      screen.getByRole('checkbox', { name: 'Работаем всегда (без рабочего времени)' }),
    );
    const monday = screen.getByRole('row', { name: /Понедельник/ });
    fireEvent.click(within(monday).getByRole('checkbox', { name: 'Рабочий' }));
    fireEvent.click(screen.getByRole('button', { name: 'Сохранить' }));

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe('Эти интервалы пересекаются.');
    const tuesday = screen.getByRole('row', { name: /Вторник/ });
    expect(within(tuesday).getByRole('alert')).toBe(alert);
    expect(within(tuesday).getByLabelText('Вторник: с').getAttribute('aria-invalid')).toBe('true');
    const sent = callsTo(calls, 'PATCH', '/account')[0]!.body as {
      settings: { workingHours: { days: Record<string, unknown> } };
    };
    // Monday closed is an empty list; Saturday and Sunday were never open.
    expect(sent.settings.workingHours.days.mon).toEqual([]);
    expect(sent.settings.workingHours.days.sat).toBeUndefined();
    expect(sent.settings.workingHours.days.tue).toEqual([{ from: '09:00', to: '18:00' }]);
  });

  it("words the validator's rules in Russian with their numbers, at the field", async () => {
    mockApi({
      ...REFERENCE_ROUTES,
      [`PATCH /teams/${TEAM.id}`]: () =>
        refusal({
          message: 'Too big: expected string to have <=100 characters',
          field: 'name',
          reason: 'too_long',
          params: { max: 100 },
        }),
    });
    render(<TeamForm team={TEAM} onDone={() => {}} />, { wrapper: Russian });
    fireEvent.click(screen.getByRole('button', { name: 'Сохранить' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe('Не больше 100 символов.');
    expect(screen.getByLabelText('Название').getAttribute('aria-invalid')).toBe('true');
    expect(screen.queryByText(/Too big/)).toBeNull();
  });

  it('shows a holiday date refusal at that holiday', async () => {
    mockApi({
      ...REFERENCE_ROUTES,
      [`PATCH /teams/${TEAM.id}`]: () =>
        refusal({
          message: 'This date is listed twice.',
          field: 'workingHours.holidays.1.date',
          reason: 'duplicate_date',
        }),
    });
    render(<TeamForm team={TEAM} onDone={() => {}} />, { wrapper: Russian });
    fireEvent.click(
      screen.getByRole('checkbox', { name: 'Своего графика нет: действует график аккаунта' }),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Добавить праздник' }));
    fireEvent.click(screen.getByRole('button', { name: 'Добавить праздник' }));
    fireEvent.click(screen.getByRole('button', { name: 'Сохранить' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe('Эта дата уже есть в списке.');
    const dates = screen.getAllByLabelText('Дата');
    expect(dates[0]!.getAttribute('aria-invalid')).toBe('false');
    expect(dates[1]!.getAttribute('aria-invalid')).toBe('true');
  });

  it('refuses a display share over 100 % in Russian, at the share field', async () => {
    const channel = {
      id: 'ch-web',
      kind: 'widget' as const,
      name: 'web',
      priority: 1,
      defaultTeamId: null,
      publicKey: 'pk',
      settings: {},
    };
    mockApi({
      ...REFERENCE_ROUTES,
      'PATCH /channels/ch-web': () =>
        refusal({
          message: 'Too big: expected number to be <=100',
          field: 'settings.displayShare',
          reason: 'too_big',
          params: { max: 100 },
        }),
    });
    render(<ChannelForm channel={channel} onDone={() => {}} />, { wrapper: Russian });
    fireEvent.change(screen.getByLabelText('Показывать посетителям (%)'), {
      target: { value: '150' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Сохранить' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe('Не больше 100.');
    expect(screen.getByLabelText('Показывать посетителям (%)').getAttribute('aria-invalid')).toBe(
      'true',
    );
  });

  it('shows a refused webhook address in Russian at the address', async () => {
    mockApi({
      'POST /webhooks': () =>
        refusal({
          message: 'Switchboard may not connect there: loopback.',
          field: 'url',
          reason: 'destination_not_allowed',
        }),
    });
    render(<WebhookForm webhook={null} onSaved={() => {}} onClose={() => {}} />, {
      wrapper: Russian,
    });
    fireEvent.change(screen.getByLabelText('Адрес'), {
      target: { value: 'http://127.0.0.1/hook' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Создать' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe(
      'Switchboard не может подключаться к этому адресу. Укажите адрес вне этого сервера и его облака.',
    );
    expect(screen.getByLabelText('Адрес').getAttribute('aria-invalid')).toBe('true');
  });
});
