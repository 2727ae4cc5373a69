import { describe, expect, it } from 'vitest';
import { EventHeap, exponential, mulberry32 } from '../../../src/domain/simulation/index.js';

describe('seeded randomness', () => {
  it('repeats the same sequence for the same seed and differs for another', () => {
    const a = mulberry32(7);
    const b = mulberry32(7);
    const c = mulberry32(8);
    const first = Array.from({ length: 5 }, a);
    expect(Array.from({ length: 5 }, b)).toEqual(first);
    expect(Array.from({ length: 5 }, c)).not.toEqual(first);
  });

  it('stays in [0, 1) and averages one half', () => {
    const random = mulberry32(1);
    let sum = 0;
    let outside = 0;
    for (let i = 0; i < 100_000; i++) {
      const u = random();
      if (u < 0 || u >= 1) outside += 1;
      sum += u;
    }
    expect(outside).toBe(0);
    expect(sum / 100_000).toBeCloseTo(0.5, 2);
  });

  it('draws exponential handle times with the requested mean', () => {
    const random = mulberry32(3);
    let sum = 0;
    for (let i = 0; i < 200_000; i++) sum += exponential(random, 180);
    expect(Math.abs(sum / 200_000 - 180)).toBeLessThan(2);
  });
});

describe('event heap', () => {
  it('pops events in time order whatever order they were pushed', () => {
    const random = mulberry32(11);
    const heap = new EventHeap<{ at: number }>();
    const times = Array.from({ length: 1_000 }, () => random() * 100);
    for (const at of times) heap.push({ at });
    const popped: number[] = [];
    while (heap.size > 0) popped.push(heap.pop()?.at ?? Number.NaN);
    expect(popped).toEqual([...times].sort((a, b) => a - b));
    expect(heap.pop()).toBeUndefined();
  });
});
