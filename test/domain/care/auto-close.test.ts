import { describe, expect, it } from 'vitest';
import {
  AUTO_CLOSE_WARNING_MS,
  autoCloseAfterMs,
  decideIdle,
  type IdleState,
} from '../../../src/domain/care/auto-close.js';
import { renderNotice } from '../../../src/domain/notices.js';

const MIN = 60_000;
const state = (over: Partial<IdleState>): IdleState => ({
  lastAuthor: 'operator',
  lastAt: 0,
  warnedAt: null,
  afterMs: 10 * MIN,
  now: 0,
  ...over,
});

describe('auto-close: what happens to an idle conversation', () => {
  it('waits until a minute before the time, then warns the client', () => {
    expect(decideIdle(state({ now: 5 * MIN }))).toEqual({ action: 'wait', at: 9 * MIN });
    expect(decideIdle(state({ now: 9 * MIN }))).toEqual({ action: 'warn', closeAt: 10 * MIN });
  });

  it('closes when the minute after the warning has run out', () => {
    const warned = state({ warnedAt: 9 * MIN });
    expect(decideIdle({ ...warned, now: 9.5 * MIN })).toEqual({ action: 'wait', at: 10 * MIN });
    expect(decideIdle({ ...warned, now: 10 * MIN })).toEqual({ action: 'close' });
  });

  it('is cancelled by a client message in the last minute: the client now waits for us', () => {
    // Warned at 9 min; the client wrote at 9.5 min, so the client is the last author.
    const answered = state({ lastAuthor: 'contact', lastAt: 9.5 * MIN, warnedAt: 9 * MIN });
    expect(decideIdle({ ...answered, now: 10 * MIN })).toEqual({ action: 'none' });
    expect(decideIdle({ ...answered, now: 60 * MIN })).toEqual({ action: 'none' });
  });

  it('starts over after the operator answers again: the old warning no longer counts', () => {
    const again = state({ lastAt: 12 * MIN, warnedAt: 9 * MIN });
    expect(decideIdle({ ...again, now: 12.5 * MIN })).toEqual({ action: 'wait', at: 21 * MIN });
    expect(decideIdle({ ...again, now: 21 * MIN })).toEqual({ action: 'warn', closeAt: 22 * MIN });
  });

  it('always gives a full minute after the warning, even when it comes late', () => {
    expect(decideIdle(state({ now: 30 * MIN }))).toEqual({
      action: 'warn',
      closeAt: 30 * MIN + AUTO_CLOSE_WARNING_MS,
    });
    expect(decideIdle(state({ warnedAt: 30 * MIN, now: 30.5 * MIN }))).toEqual({
      action: 'wait',
      at: 31 * MIN,
    });
  });

  it('counts the bot like the operator, and never closes on a client who waits', () => {
    expect(decideIdle(state({ lastAuthor: 'bot', now: 9 * MIN })).action).toBe('warn');
    expect(decideIdle(state({ lastAuthor: 'contact', now: 99 * MIN }))).toEqual({
      action: 'none',
    });
    expect(decideIdle(state({ lastAuthor: null, lastAt: null, now: 99 * MIN }))).toEqual({
      action: 'none',
    });
  });

  it('does nothing on a channel with auto-close off', () => {
    expect(decideIdle(state({ afterMs: null, now: 99 * MIN }))).toEqual({ action: 'none' });
  });
});

describe('auto-close: the channel setting', () => {
  it('defaults to off for e-mail and on for the others', () => {
    expect(autoCloseAfterMs('email', undefined)).toBeNull();
    expect(autoCloseAfterMs('widget', undefined)).toBe(30 * MIN);
    expect(autoCloseAfterMs('telegram', null)).toBe(24 * 60 * MIN);
    expect(autoCloseAfterMs('api', undefined)).toBe(24 * 60 * MIN);
  });

  it('takes the channel’s own time, and 0 as off', () => {
    expect(autoCloseAfterMs('email', 15 * MIN)).toBe(15 * MIN);
    expect(autoCloseAfterMs('widget', 0)).toBeNull();
  });
});

describe('auto-close notices', () => {
  it('warn and close in the client’s language', () => {
    expect(renderNotice('idle_warning', 'ru', {})).toContain('Через минуту');
    expect(renderNotice('idle_closed', 'uk', {})).toContain('закрито');
    expect(renderNotice('idle_closed', 'en', {})).toBe(
      'This conversation was closed due to inactivity. Write to us again any time.',
    );
  });
});
