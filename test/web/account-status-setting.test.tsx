// @vitest-environment happy-dom
// The admin's switch for how new operators start (issue 15): Online after their
// first log-in, or Offline (the default).
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AccountAdmin } from '../../web/src/views/admin/account-admin';
import { mockApi } from './api-mock';
import { Providers, signIn } from './setup';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('account settings: how new operators start', () => {
  it('is off by default and saved as newOperatorsOnline', async () => {
    const me = signIn();
    const calls = mockApi({
      'PATCH /account': () => ({ id: 'acc', name: 'Test', settings: me.account.settings }),
      'GET /me': () => me,
    });
    render(<AccountAdmin />, { wrapper: Providers });
    const box = screen.getByLabelText(
      'New operators start Online after their first log-in (else Offline)',
    ) as HTMLInputElement;
    expect(box.checked).toBe(false);
    fireEvent.click(box);
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await vi.waitFor(() => expect(calls.some((c) => c.method === 'PATCH')).toBe(true));
    const patch = calls.find((c) => c.method === 'PATCH')!;
    expect(patch.body).toMatchObject({ settings: { newOperatorsOnline: true } });
  });
});
