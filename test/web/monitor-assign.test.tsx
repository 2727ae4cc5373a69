// @vitest-environment happy-dom
// The monitor's assign control (issue 15): a supervisor reassigns with an
// optional reason, which goes to POST /conversations/:id/assign so the previous
// operator sees it; without one, no reason is sent, and a waiting conversation
// (no previous operator) never gets one.
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { OperatorView } from '../../web/src/api/types';
import { reference } from '../../web/src/state/reference';
import { queue, rememberContact } from '../../web/src/state/workspace';
import { AssignTable } from '../../web/src/views/monitor/assign-table';
import { callsTo, mockApi, signInAs } from './api-mock';
import { channel, Providers, queued, resetStores, TEAM } from './setup';

function operator(id: string, name: string): OperatorView {
  return {
    id,
    email: `${id}@test.example`,
    name,
    role: 'operator',
    status: 'online',
    limit: 5,
    openCount: 1,
    languages: ['en'],
    teamIds: [TEAM.id],
    active: true,
    invited: false,
  };
}

const ASSIGNED = queued('web', 1, Date.parse('2026-03-02T10:00:00Z'), {
  id: 'conv-active',
  contactId: 'contact-anna',
  state: 'assigned',
  operatorId: 'op-ivan',
});
const WAITING = queued('web', 1, Date.parse('2026-03-02T10:01:00Z'), {
  id: 'conv-waiting',
  contactId: 'contact-boris',
});

function setUp() {
  resetStores();
  for (const [id, name] of [
    ['contact-anna', 'Anna'],
    ['contact-boris', 'Boris'],
  ] as const)
    rememberContact({ id, name, email: null, blocked: false });
  signInAs('supervisor');
  reference.set({
    operators: [
      operator('op-ivan', 'Ivan'),
      operator('op-maria', 'Maria'),
      { ...operator('op-gone', 'Gone'), active: false, status: 'offline' },
    ],
    teams: [TEAM],
    channels: [channel('web', 1)],
    categories: [],
    canned: [],
  });
  const calls = mockApi({
    'POST /conversations/conv-active/assign': () => ({ conversation: ASSIGNED }),
    'POST /conversations/conv-waiting/assign': () => ({ conversation: WAITING }),
  });
  const changed = vi.fn();
  render(<AssignTable assigned={[ASSIGNED]} onChanged={changed} />, { wrapper: Providers });
  return { calls, changed };
}

const reasonBox = () => screen.getByRole('textbox', { name: 'Reason for reassigning (optional)' });
const selectFor = (name: string) =>
  screen.getByRole('combobox', { name: `Assign the conversation with ${name}` });

describe('monitor: reassign with a reason', () => {
  beforeEach(() => {
    queue.set(new Map());
  });
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it('sends the reason with the reassign and clears it afterwards', async () => {
    const { calls, changed } = setUp();
    fireEvent.change(reasonBox(), { target: { value: '  Ivan is going to lunch  ' } });
    fireEvent.change(selectFor('Anna'), { target: { value: 'op-maria' } });
    await waitFor(() => expect(changed).toHaveBeenCalled());
    expect(callsTo(calls, 'POST', '/conversations/conv-active/assign').map((c) => c.body)).toEqual([
      { operatorId: 'op-maria', reason: 'Ivan is going to lunch' },
    ]);
    expect((reasonBox() as HTMLInputElement).value).toBe('');
  });

  it('sends no reason when none is given, nor to a waiting conversation', async () => {
    const { calls, changed } = setUp();
    fireEvent.change(selectFor('Anna'), { target: { value: 'op-maria' } });
    await waitFor(() => expect(changed).toHaveBeenCalledTimes(1));
    expect(callsTo(calls, 'POST', '/conversations/conv-active/assign')[0]!.body).toEqual({
      operatorId: 'op-maria',
    });

    queue.set(new Map([[WAITING.id, WAITING]]));
    fireEvent.change(reasonBox(), { target: { value: 'Busy day' } });
    fireEvent.change(await screen.findByRole('combobox', { name: /Boris$/ }), {
      target: { value: 'op-ivan' },
    });
    await waitFor(() => expect(changed).toHaveBeenCalledTimes(2));
    expect(callsTo(calls, 'POST', '/conversations/conv-waiting/assign')[0]!.body).toEqual({
      operatorId: 'op-ivan',
    });
    // Kept for the next reassign.
    expect((reasonBox() as HTMLInputElement).value).toBe('Busy day');
  });

  it('never offers a deactivated operator, nor the one who has the conversation', () => {
    setUp();
    const offered = [...selectFor('Anna').querySelectorAll('option')]
      .map((o) => o.value)
      .filter(Boolean);
    expect(offered).toEqual(['op-maria']);
  });

  it('labels the reason in Russian too', async () => {
    const { ru } = await import('../../web/src/i18n/ru');
    expect(ru['monitor.reassignReason']).toBe('Причина переназначения (необязательно)');
  });
});
