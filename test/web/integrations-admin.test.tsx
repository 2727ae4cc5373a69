// @vitest-environment happy-dom
// The console's integrations: a channel's failed deliveries with their reason,
// sent again or discarded; a webhook's test send and recent deliveries.
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ChannelView, DeliveryView } from '../../web/src/api/types';
import { reference } from '../../web/src/state/reference';
import { FailedDeliveriesAdmin } from '../../web/src/views/admin/failed-deliveries-admin';
import { WebhooksAdmin } from '../../web/src/views/admin/webhooks-admin';
import { callsTo, mockApi, signInAs } from './api-mock';
import { Providers } from './setup';

const TELEGRAM: ChannelView = {
  id: 'ch-tg',
  kind: 'telegram',
  name: 'Bot',
  priority: 1,
  defaultTeamId: null,
  publicKey: 'pk-tg',
  settings: {},
};

function delivery(id: string, patch: Partial<DeliveryView> = {}): DeliveryView {
  return {
    id,
    target: 'channel',
    channelId: 'ch-tg',
    webhookId: null,
    conversationId: 'conv',
    messageId: `m-${id}`,
    eventId: null,
    status: 'dead',
    attempts: 1,
    responseStatus: null,
    responseExcerpt: null,
    test: false,
    errorKind: 'permanent',
    lastError: 'Forbidden: bot was blocked by the user',
    nextAttemptAt: null,
    sentAt: null,
    createdAt: '2026-01-05T10:00:00.000Z',
    updatedAt: '2026-01-05T10:00:00.000Z',
    ...patch,
  };
}

describe('integrations in the console', () => {
  beforeEach(() => {
    signInAs('admin');
    reference.set({
      operators: [],
      teams: [],
      channels: [TELEGRAM],
      categories: [],
      canned: [],
    });
  });
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it("lists a channel's failed deliveries with the reason, and retries one, all, or discards", async () => {
    let dead = [
      delivery('d1'),
      delivery('d2', { errorKind: 'auth_revoked', lastError: 'HTTP 401' }),
    ];
    const calls = mockApi({
      'GET /deliveries': () => ({ deliveries: dead }),
      'POST /deliveries/d1/discard': () => {
        dead = dead.filter((d) => d.id !== 'd1');
        return { delivery: delivery('d1', { status: 'discarded' }) };
      },
      'POST /deliveries/retry-all': () => {
        dead = [];
        return { retried: 1 };
      },
    });
    render(<FailedDeliveriesAdmin />, { wrapper: Providers });
    expect(await screen.findByText('Forbidden: bot was blocked by the user')).toBeTruthy();
    expect(screen.getByText('Access revoked:')).toBeTruthy();
    expect(callsTo(calls, 'GET', '/deliveries')[0]!.query.get('channelId')).toBe('ch-tg');

    fireEvent.click(screen.getAllByRole('button', { name: 'Discard' })[0]!);
    await waitFor(() =>
      expect(screen.queryByText('Forbidden: bot was blocked by the user')).toBeNull(),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Send all again' }));
    expect(await screen.findByText('Nothing failed on this channel.')).toBeTruthy();
    expect(callsTo(calls, 'POST', '/deliveries/retry-all')[0]!.body).toEqual({
      channelId: 'ch-tg',
    });
  });

  it("sends a test event and shows the webhook's deliveries with code, retries and answer", async () => {
    const hook = {
      id: 'wh-1',
      url: 'https://crm.example/hook',
      events: ['message.created'],
      active: true,
      paused: false,
      createdAt: '2026-01-05T10:00:00.000Z',
    };
    const sent: DeliveryView[] = [
      delivery('w2', {
        target: 'webhook',
        channelId: null,
        webhookId: 'wh-1',
        eventId: 4182,
        status: 'sent',
        attempts: 3,
        responseStatus: 200,
        responseExcerpt: '{"ok":true}',
        errorKind: null,
        lastError: null,
      }),
    ];
    const calls = mockApi({
      'GET /webhooks': () => ({ webhooks: [hook] }),
      'POST /webhooks/wh-1/test': () => {
        const d = delivery('w3', {
          target: 'webhook',
          webhookId: 'wh-1',
          status: 'dead',
          responseStatus: 503,
          responseExcerpt: 'unavailable',
          test: true,
          lastError: 'HTTP 503: unavailable',
        });
        sent.unshift(d);
        return { delivery: d };
      },
      'GET /webhooks/wh-1/deliveries': () => ({ deliveries: sent }),
      'PATCH /webhooks/wh-1': (req) => ({ ...hook, ...(req.body as object) }),
    });
    render(<WebhooksAdmin />, { wrapper: Providers });
    fireEvent.click(await screen.findByRole('button', { name: 'Send a test event' }));
    expect(await screen.findByText('unavailable')).toBeTruthy();
    expect(screen.getByText('503')).toBeTruthy();
    expect(screen.getByText('#4182')).toBeTruthy();
    expect(screen.getByText('{"ok":true}')).toBeTruthy();
    // Three attempts are two retries.
    expect(screen.getByText('2')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Pause' }));
    await waitFor(() =>
      expect(callsTo(calls, 'PATCH', '/webhooks/wh-1')[0]?.body).toEqual({ paused: true }),
    );
  });
});
