// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ApiTokenView } from '../../web/src/api/types';
import { ApiTokensAdmin } from '../../web/src/views/admin/api-tokens-admin';
import { callsTo, mockApi, signInAs } from './api-mock';
import { Providers } from './setup';

const CRM: ApiTokenView = {
  id: 'tok-crm',
  name: 'CRM sync',
  operatorId: 'op-olga',
  operatorName: 'Olga',
  createdAt: '2026-03-01T09:00:00.000Z',
  lastUsedAt: null,
  expiresAt: null,
  expired: false,
};
const OLD: ApiTokenView = {
  ...CRM,
  id: 'tok-old',
  name: 'Old export',
  lastUsedAt: '2026-03-02T10:00:00.000Z',
  expiresAt: '2026-03-05T10:00:00.000Z',
  expired: true,
};

describe('API tokens admin', () => {
  let stored: ApiTokenView[];
  beforeEach(() => {
    signInAs('admin');
    stored = [CRM, OLD];
  });
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  });

  it('lists tokens with their owner, last use and expiry', async () => {
    mockApi({ 'GET /api-tokens': () => ({ tokens: stored }) });
    render(<ApiTokensAdmin />, { wrapper: Providers });

    const crm = (await screen.findByRole('rowheader', { name: 'CRM sync' })).closest('tr')!;
    expect(within(crm).getByText('Olga')).toBeTruthy();
    expect(within(crm).getByText('Not yet')).toBeTruthy();
    expect(within(crm).getByText('Never')).toBeTruthy();
    const old = screen.getByRole('rowheader', { name: 'Old export' }).closest('tr')!;
    expect(within(old).getByText('Expired')).toBeTruthy();
  });

  it('creates a token with an expiry and shows its secret once, with a copy button', async () => {
    const writeText = vi.fn(async () => {});
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    const calls = mockApi({
      'GET /api-tokens': () => ({ tokens: stored }),
      'POST /api-tokens': (req) => {
        const body = req.body as { name: string; expiresAt: string | null };
        const token = { ...CRM, id: 'tok-new', name: body.name, expiresAt: body.expiresAt };
        stored = [token, ...stored];
        return { ...token, token: 'sbk_secret-value' };
      },
    });
    render(<ApiTokensAdmin />, { wrapper: Providers });
    await screen.findByRole('rowheader', { name: 'CRM sync' });

    fireEvent.change(screen.getByRole('textbox', { name: 'New token name' }), {
      target: { value: ' Billing bot ' },
    });
    fireEvent.change(screen.getByRole('combobox', { name: 'Expiry' }), {
      target: { value: '90' },
    });
    const before = Date.now();
    fireEvent.click(screen.getByRole('button', { name: 'Create token' }));

    const shown = (await screen.findByRole('textbox', { name: 'Token' })) as HTMLInputElement;
    expect(shown.value).toBe('sbk_secret-value');
    expect(shown.readOnly).toBe(true);
    const body = callsTo(calls, 'POST', '/api-tokens')[0]!.body as {
      name: string;
      expiresAt: string;
    };
    expect(body.name).toBe('Billing bot');
    const days = (Date.parse(body.expiresAt) - before) / 86_400_000;
    expect(days).toBeGreaterThan(89.9);
    expect(days).toBeLessThan(90.1);
    await screen.findByRole('rowheader', { name: 'Billing bot' });

    fireEvent.click(screen.getByRole('button', { name: 'Copy' }));
    await waitFor(() => expect(writeText).toHaveBeenCalledWith('sbk_secret-value'));

    fireEvent.click(screen.getByRole('button', { name: 'Done' }));
    expect(screen.queryByDisplayValue('sbk_secret-value')).toBeNull();
  });

  it('shows a refused name next to its field', async () => {
    mockApi({
      'GET /api-tokens': () => ({ tokens: stored }),
      'POST /api-tokens': () =>
        new Response(
          JSON.stringify({
            error: { code: 'validation_failed', message: 'Too long.', field: 'name' },
          }),
          { status: 400, headers: { 'content-type': 'application/json' } },
        ),
    });
    render(<ApiTokensAdmin />, { wrapper: Providers });
    const input = screen.getByRole('textbox', { name: 'New token name' });
    fireEvent.change(input, { target: { value: 'x' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create token' }));
    await waitFor(() => expect(input.getAttribute('aria-invalid')).toBe('true'));
    expect(screen.queryByRole('textbox', { name: 'Token' })).toBeNull();
  });

  it('revokes a token after confirmation and drops it from the list', async () => {
    const confirm = vi.fn(() => true);
    vi.stubGlobal('confirm', confirm);
    const calls = mockApi({
      'GET /api-tokens': () => ({ tokens: stored }),
      'DELETE /api-tokens/tok-crm': () => {
        stored = stored.filter((x) => x.id !== 'tok-crm');
        return new Response(null, { status: 204 });
      },
    });
    render(<ApiTokensAdmin />, { wrapper: Providers });
    fireEvent.click(await screen.findByRole('button', { name: 'Revoke CRM sync' }));

    await waitFor(() => expect(screen.queryByRole('rowheader', { name: 'CRM sync' })).toBeNull());
    expect(confirm).toHaveBeenCalledWith(
      'Revoke CRM sync? Integrations using it stop working at once.',
    );
    expect(callsTo(calls, 'DELETE', '/api-tokens/tok-crm')).toHaveLength(1);
    expect(screen.getByRole('rowheader', { name: 'Old export' })).toBeTruthy();
  });
});
