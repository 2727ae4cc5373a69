import { describe, expect, it } from 'vitest';
import { fileName, refusal } from '../../widget/src/file-checks.js';
import { addLine, joinedAt, readLines } from '../../widget/src/lines.js';
import type { KeyValueStore } from '../../widget/src/outbox.js';

const limits = { maxBytes: 1000, types: ['image/png', 'application/pdf'] };

describe('files the visitor attaches', () => {
  it('refuses a type the server does not take, then a size over the limit', () => {
    expect(refusal({ size: 10, type: 'text/html' }, limits)).toBe('type');
    expect(refusal({ size: 1001, type: 'image/png' }, limits)).toBe('size');
    expect(refusal({ size: 1000, type: 'image/png' }, limits)).toBeNull();
    expect(refusal({ size: 10, type: 'application/pdf; charset=binary' }, limits)).toBeNull();
  });

  it('leaves the check to the server when the limits are not known yet', () => {
    expect(refusal({ size: 10 ** 9, type: 'text/html' }, undefined)).toBeNull();
  });

  it('names a pasted screenshot by its time', () => {
    const at = new Date('2026-05-01T10:20:30Z');
    expect(fileName({ name: 'image.png', type: 'image/png' }, at)).toBe(
      'screenshot-2026-05-01-10-20-30.png',
    );
    expect(fileName({ name: 'invoice.pdf', type: 'application/pdf' }, at)).toBe('invoice.pdf');
  });
});

function memory(): KeyValueStore {
  const m = new Map<string, string>();
  return {
    getItem: (k) => m.get(k) ?? null,
    setItem: (k, v) => void m.set(k, v),
    removeItem: (k) => void m.delete(k),
  };
}

describe('lines the widget adds', () => {
  it('keeps each line once, across page loads, and tells when an operator joined', () => {
    const store = memory();
    addLine(store, { c: 'c1', kind: 'joined', arg: 'Tatiana', seq: 2 });
    addLine(store, { c: 'c1', kind: 'joined', arg: 'Tatiana', seq: 2 });
    addLine(store, { c: 'c1', kind: 'moved', arg: 'https://shop.example/b', seq: 4 });
    const lines = readLines(store);
    expect(lines).toHaveLength(2);
    expect(joinedAt(lines, 'c1')).toBe(2);
    expect(joinedAt(lines, 'c2')).toBeNull();
  });
});
