// @vitest-environment happy-dom
// The operator lifecycle forms in Russian: the server names the field of bad
// input (in English); each form says what is wrong in the user's language, at
// that field. And the invitation link, when the account cannot mail it.
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { OperatorView } from '../../web/src/api/types';
import { I18nProvider } from '../../web/src/i18n';
import { reference } from '../../web/src/state/reference';
import { OperatorsAdmin } from '../../web/src/views/admin/operators-admin';
import { TeamForm } from '../../web/src/views/admin/team-form';
import { LoginView } from '../../web/src/views/login/login-view';
import { SetPasswordView } from '../../web/src/views/login/set-password-view';
import { callsTo, mockApi, signInAs } from './api-mock';
import { TEAM } from './setup';

const Russian = ({ children }: { children: ReactNode }) => (
  <I18nProvider lang="ru">{children}</I18nProvider>
);

const invalid = (field: string, message: string) =>
  new Response(JSON.stringify({ error: { code: 'validation_failed', message, field } }), {
    status: 400,
  });

const OLGA: OperatorView = {
  id: 'op-olga',
  email: 'olga@test.example',
  name: 'Olga',
  role: 'admin',
  status: 'online',
  limit: 5,
  openCount: 0,
  languages: ['ru'],
  teamIds: [],
  active: true,
  invited: false,
};
const IVAN: OperatorView = { ...OLGA, id: 'op-ivan', name: 'Ivan', role: 'operator' };

/** The error shown at a labelled field (its aria-describedby), or null. */
function errorAt(label: string): string | null {
  const input = screen.getByLabelText(label);
  const ids = input.getAttribute('aria-describedby')?.split(' ') ?? [];
  const error = ids
    .map((id) => document.getElementById(id))
    .find((e) => e?.className === 'field-error');
  return error?.textContent ?? null;
}

describe('operator forms in Russian', () => {
  beforeEach(() => {
    signInAs('admin');
    reference.set({
      operators: [OLGA, IVAN],
      teams: [TEAM],
      channels: [],
      categories: [],
      canned: [],
    });
  });
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  });

  it('shows a refused e-mail in Russian at the e-mail field', async () => {
    mockApi({ 'POST /operators': () => invalid('email', 'Invalid email address') });
    render(<OperatorsAdmin />, { wrapper: Russian });
    fireEvent.click(screen.getByRole('button', { name: 'Пригласить оператора' }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText('Эл. почта'), { target: { value: 'olga@' } });
    fireEvent.change(within(dialog).getByLabelText('Имя'), { target: { value: 'Ольга' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Пригласить' }));

    await waitFor(() => expect(errorAt('Эл. почта')).toBe('Укажите адрес вида name@company.ru.'));
    expect(screen.getByLabelText('Эл. почта').getAttribute('aria-invalid')).toBe('true');
    expect(document.body.textContent).not.toContain('Invalid email address');
  });

  it('shows an admin’s too short new password in Russian at its field', async () => {
    mockApi({
      'PATCH /operators/op-ivan': () =>
        invalid('password', 'Too small: expected string to have >=8 characters'),
    });
    render(<OperatorsAdmin />, { wrapper: Russian });
    fireEvent.click(screen.getByRole('button', { name: 'Изменить: Ivan' }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText('Новый пароль'), { target: { value: 'short' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Сохранить' }));

    await waitFor(() =>
      expect(errorAt('Новый пароль')).toBe('Пароль должен быть не короче 8 символов.'),
    );
  });

  it('shows the invitation link to copy when the account cannot send mail', async () => {
    const calls = mockApi({
      'POST /operators': () => ({
        ...IVAN,
        id: 'op-new',
        name: 'Ирина',
        invited: true,
        invitation: {
          sent: false,
          reason: 'no_mail_server',
          link: 'http://app.test/set-password#token=abc',
          expiresAt: '2026-12-13T10:00:00.000Z',
        },
      }),
      'GET /operators': () => ({ operators: [OLGA, IVAN] }),
    });
    render(<OperatorsAdmin />, { wrapper: Russian });
    fireEvent.click(screen.getByRole('button', { name: 'Пригласить оператора' }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText('Эл. почта'), {
      target: { value: 'irina@test.example' },
    });
    fireEvent.change(within(dialog).getByLabelText('Имя'), { target: { value: 'Ирина' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Пригласить' }));

    const link = (await screen.findByLabelText('Одноразовая ссылка')) as HTMLInputElement;
    expect(link.value).toBe('http://app.test/set-password#token=abc');
    expect(screen.getByRole('dialog', { name: 'Ссылка для Ирина' })).toBeTruthy();
    expect(screen.getByText(/Аккаунт не отправляет почту/)).toBeTruthy();
    expect(callsTo(calls, 'POST', '/operators')[0]!.body).toMatchObject({
      email: 'irina@test.example',
      password: null,
      lang: 'ru',
    });
  });

  it("saves a team's members from the team form, and names a refused list in Russian", async () => {
    let refuse = true;
    const calls = mockApi({
      'PATCH /teams/team-desk': () => TEAM,
      'PUT /teams/team-desk/members': () =>
        refuse ? invalid('operatorIds', 'Unknown operator.') : { operatorIds: ['op-ivan'] },
      'GET /operators': () => ({ operators: [OLGA, IVAN] }),
    });
    const done = vi.fn();
    render(<TeamForm team={TEAM} onDone={done} />, { wrapper: Russian });
    fireEvent.click(screen.getByRole('checkbox', { name: 'Ivan' }));
    fireEvent.click(screen.getByRole('button', { name: 'Сохранить' }));
    await screen.findByText('Выберите операторов из списка.');
    expect(done).not.toHaveBeenCalled();

    refuse = false;
    fireEvent.click(screen.getByRole('button', { name: 'Сохранить' }));
    await waitFor(() => expect(done).toHaveBeenCalled());
    expect(callsTo(calls, 'PUT', '/teams/team-desk/members').at(-1)!.body).toEqual({
      operatorIds: ['op-ivan'],
    });
  });
});

describe('password pages in Russian', () => {
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
    window.history.replaceState(null, '', '/');
  });

  it('checks the new password at its fields before sending, then names an expired link', async () => {
    window.history.replaceState(null, '', '/set-password#token=tok-0123456789abcdefghij');
    const calls = mockApi({
      'POST /auth/password-link/check': () => ({
        email: 'irina@test.example',
        name: 'Ирина',
        purpose: 'invite',
        expiresAt: '2026-12-13T10:00:00.000Z',
      }),
      'POST /auth/password-link': () =>
        new Response(
          JSON.stringify({
            error: { code: 'password_link_invalid', message: 'expired', field: 'token' },
          }),
          { status: 410 },
        ),
    });
    render(<SetPasswordView onDone={() => {}} />, { wrapper: Russian });
    await screen.findByRole('heading', { name: 'Добро пожаловать, Ирина' });
    const submit = screen.getByRole('button', { name: 'Сохранить пароль и войти' });

    fireEvent.change(screen.getByLabelText('Новый пароль'), { target: { value: 'short' } });
    fireEvent.click(submit);
    expect(errorAt('Новый пароль')).toBe('Пароль должен быть не короче 8 символов.');

    fireEvent.change(screen.getByLabelText('Новый пароль'), { target: { value: 'long enough' } });
    fireEvent.change(screen.getByLabelText('Повторите пароль'), {
      target: { value: 'long enougH' },
    });
    fireEvent.click(submit);
    expect(errorAt('Повторите пароль')).toBe('Пароли не совпадают.');
    expect(callsTo(calls, 'POST', '/auth/password-link')).toHaveLength(0);

    fireEvent.change(screen.getByLabelText('Повторите пароль'), {
      target: { value: 'long enough' },
    });
    fireEvent.click(submit);
    await screen.findByText('Ссылка устарела или уже использована. Запросите новую.');
    expect(callsTo(calls, 'POST', '/auth/password-link')[0]!.body).toEqual({
      token: 'tok-0123456789abcdefghij',
      password: 'long enough',
    });
  });

  it('asks for a reset link and answers the same whether or not the address exists', async () => {
    const calls = mockApi({
      'POST /auth/password-reset': (req) =>
        (req.body as { email: string }).email.includes('@')
          ? { ok: true }
          : invalid('email', 'Invalid email address'),
    });
    render(<LoginView />, { wrapper: Russian });
    fireEvent.click(screen.getByRole('button', { name: 'Забыли пароль?' }));
    fireEvent.change(screen.getByLabelText('Эл. почта'), { target: { value: 'nobody' } });
    fireEvent.click(screen.getByRole('button', { name: 'Прислать ссылку' }));
    await waitFor(() => expect(errorAt('Эл. почта')).toBe('Укажите адрес вида name@company.ru.'));

    fireEvent.change(screen.getByLabelText('Эл. почта'), {
      target: { value: 'nobody@test.example' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Прислать ссылку' }));
    await screen.findByText(/Если nobody@test.example принадлежит оператору/);
    expect(callsTo(calls, 'POST', '/auth/password-reset').at(-1)!.body).toEqual({
      email: 'nobody@test.example',
      lang: 'ru',
    });
  });
});
