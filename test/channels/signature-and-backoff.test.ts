import { describe, expect, it } from 'vitest';
import { retryDelayMs } from '../../src/channels/backoff.js';
import { computeSignature, verifySignature } from '../../src/channels/signature.js';

const secret = 'secret-0123456789-0123456789-0123456789';
const body = Buffer.from('{"id":"m-1"}');
const at = new Date('2024-11-23T12:00:00Z');
const ts = at.getTime() / 1000;

describe('HMAC signatures', () => {
  it('accepts its own signature within five minutes either way', () => {
    for (const skew of [0, -299, 299]) {
      const header = {
        timestamp: String(ts + skew),
        signature: computeSignature(secret, ts + skew, body),
      };
      expect(verifySignature(secret, header, body, at)).toEqual({ ok: true });
    }
  });

  it('tells missing, malformed, mismatching and expired apart', () => {
    const good = computeSignature(secret, ts, body);
    expect(verifySignature(secret, { timestamp: undefined, signature: good }, body, at)).toEqual({
      ok: false,
      reason: 'missing',
    });
    expect(verifySignature(secret, { timestamp: 'soon', signature: good }, body, at)).toEqual({
      ok: false,
      reason: 'malformed',
    });
    expect(
      verifySignature(secret, { timestamp: String(ts), signature: good }, Buffer.from('{}'), at),
    ).toEqual({
      ok: false,
      reason: 'mismatch',
    });
    const old = computeSignature(secret, ts - 301, body);
    expect(
      verifySignature(secret, { timestamp: String(ts - 301), signature: old }, body, at),
    ).toEqual({
      ok: false,
      reason: 'expired',
    });
  });
});

describe('retry back-off', () => {
  const policy = { baseMs: 1000, maxMs: 60_000, maxAttempts: 10 };

  it('doubles from the base, with jitter between half and all of it, up to the cap', () => {
    expect(retryDelayMs(policy, 1, () => 0)).toBe(500);
    expect(retryDelayMs(policy, 1, () => 1)).toBe(1000);
    expect(retryDelayMs(policy, 4, () => 1)).toBe(8000);
    expect(retryDelayMs(policy, 20, () => 1)).toBe(60_000);
  });

  it('never retries sooner than the provider asked', () => {
    expect(retryDelayMs(policy, 1, () => 0, 30_000)).toBe(30_000);
  });
});
