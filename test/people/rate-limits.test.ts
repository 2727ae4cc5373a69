// The log-in budgets' counting, with time as a parameter: a sliding window, so
// a budget cannot be spent twice around the boundary of a fixed window.
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createLoginLimits, createMemoryCounter } from '../../src/http/rate-limits.js';

const MINUTE = 60_000;
const limits = {
  ...loadConfig({ DATA_DIR: 'memory://' }).rateLimits,
  loginAttemptsPerAddress: 10,
  loginFailuresPerEmail: 3,
  loginEmailWindowMs: 15 * MINUTE,
};

describe('log-in limits', () => {
  it('does not give a fresh budget at the turn of a minute', async () => {
    const login = createLoginLimits(limits, createMemoryCounter());
    const endOfMinute = 10 * MINUTE - 1000;
    for (let i = 0; i < 10; i++)
      expect(await login.admit(`p${i}@x.example`, '10.0.0.1', endOfMinute)).toBe(true);
    expect(await login.admit('late@x.example', '10.0.0.1', 10 * MINUTE + 1000)).toBe(false);
    // A minute later the earlier attempts have slid out.
    expect(await login.admit('later@x.example', '10.0.0.1', 11 * MINUTE + 1000)).toBe(true);
  });

  it('counts failures per e-mail, whatever its case, and never successes', async () => {
    const login = createLoginLimits(limits, createMemoryCounter());
    const t = 100 * MINUTE;
    for (let i = 0; i < 5; i++)
      expect(await login.admit('ivan@x.example', `10.0.0.${i}`, t)).toBe(true);
    for (let i = 0; i < 3; i++) await login.failed(i % 2 ? 'IVAN@x.example' : 'ivan@x.example', t);
    expect(await login.admit('ivan@x.example', '10.0.9.9', t + 1000)).toBe(false);
    expect(await login.admit('olga@x.example', '10.0.9.9', t + 1000)).toBe(true);
    expect(await login.admit('ivan@x.example', '10.0.9.9', t + 30 * MINUTE)).toBe(true);
  });

  it('turns a budget off with 0', async () => {
    const login = createLoginLimits(
      { ...limits, loginAttemptsPerAddress: 0, loginFailuresPerEmail: 0 },
      createMemoryCounter(),
    );
    for (let i = 0; i < 50; i++) {
      await login.failed('ivan@x.example', 0);
      expect(await login.admit('ivan@x.example', '10.0.0.1', 0)).toBe(true);
    }
  });
});
