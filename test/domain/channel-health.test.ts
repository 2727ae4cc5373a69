import { describe, expect, it } from 'vitest';
import { channelState } from '../../src/domain/channel-health.js';

const at = (iso: string) => new Date(iso);

describe('channelState', () => {
  it('reads an error with nothing working since as the current trouble', () => {
    expect(
      channelState({
        error: 'auth_revoked: HTTP 401',
        errorAt: at('2026-01-01T10:00:00Z'),
        lastSuccessAt: at('2026-01-01T09:00:00Z'),
      }),
    ).toEqual({
      state: 'failing',
      currentError: 'auth_revoked: HTTP 401',
      lastError: 'auth_revoked: HTTP 401',
    });
  });

  it('keeps an error a later delivery cleared as past trouble only', () => {
    expect(
      channelState({
        error: 'auth_revoked: HTTP 401',
        errorAt: at('2026-01-01T10:00:00Z'),
        lastSuccessAt: at('2026-01-01T10:05:00Z'),
      }),
    ).toEqual({ state: 'ok', currentError: null, lastError: 'auth_revoked: HTTP 401' });
  });

  it('is ok without any error', () => {
    expect(channelState({ error: null, errorAt: null, lastSuccessAt: null }).state).toBe('ok');
  });
});
