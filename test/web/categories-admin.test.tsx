// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Category } from '../../web/src/api/types';
import { reference } from '../../web/src/state/reference';
import { CategoriesAdmin } from '../../web/src/views/admin/categories-admin';
import { callsTo, mockApi, signInAs } from './api-mock';
import { Providers } from './setup';

const conflict = () =>
  new Response(
    JSON.stringify({
      error: {
        code: 'conflict',
        message: 'A category with this name already exists.',
        field: 'name',
      },
    }),
    { status: 409, headers: { 'content-type': 'application/json' } },
  );

describe('categories admin', () => {
  let stored: Category[];
  beforeEach(() => {
    signInAs('admin');
    stored = [
      { id: 'cat-billing', name: 'Billing' },
      { id: 'cat-refunds', name: 'Refunds' },
    ];
    reference.set({ operators: [], teams: [], channels: [], categories: stored, canned: [] });
  });
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it('renames a category in place, keeps a refused name next to its field, and shows the new name', async () => {
    const calls = mockApi({
      'PATCH /categories/cat-billing': (req) => {
        const { name } = req.body as { name: string };
        if (stored.some((c) => c.name === name)) return conflict();
        stored = stored.map((c) => (c.id === 'cat-billing' ? { ...c, name } : c));
        return stored[0];
      },
      'GET /categories': () => ({ categories: stored }),
      'GET /operators': () => ({ operators: [] }),
      'GET /teams': () => ({ teams: [] }),
      'GET /channels': () => ({ channels: [] }),
      'GET /canned-responses': () => ({ cannedResponses: [] }),
    });
    render(<CategoriesAdmin />, { wrapper: Providers });

    fireEvent.click(screen.getByRole('button', { name: 'Rename Billing' }));
    const input = screen.getByRole('textbox', { name: 'Rename Billing' }) as HTMLInputElement;
    expect(input.value).toBe('Billing');
    fireEvent.change(input, { target: { value: ' Refunds ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    const refused = await screen.findByRole('alert');
    expect(refused.textContent).toBe('This conflicts with existing data.');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(callsTo(calls, 'PATCH', '/categories/cat-billing')[0]!.body).toEqual({
      name: 'Refunds',
    });

    fireEvent.change(input, { target: { value: 'Payments' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(screen.queryByRole('textbox', { name: /^Rename/ })).toBeNull());
    expect(screen.getByText('Payments')).toBeTruthy();
    expect(screen.queryByText('Billing')).toBeNull();
    expect(screen.getByRole('button', { name: 'Rename Refunds' })).toBeTruthy();
  });

  it('leaves the name as it was when the admin cancels', () => {
    const calls = mockApi({});
    render(<CategoriesAdmin />, { wrapper: Providers });
    fireEvent.click(screen.getByRole('button', { name: 'Rename Refunds' }));
    fireEvent.change(screen.getByRole('textbox', { name: 'Rename Refunds' }), {
      target: { value: 'Returns' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(screen.getByText('Refunds')).toBeTruthy();
    expect(screen.queryByRole('textbox', { name: 'Rename Refunds' })).toBeNull();
    expect(calls).toEqual([]);
  });
});
