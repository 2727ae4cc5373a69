export function toNumber(s: string | null): number | null {
  const n = s === null ? Number.NaN : Number(s);
  return Number.isInteger(n) && n >= 0 ? n : null;
}

/** An idempotency key; crypto.randomUUID exists only on https pages, getRandomValues everywhere. */
export function newKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `w-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}
