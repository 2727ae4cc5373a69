import { describe, expect, it } from 'vitest';
import {
  AA_NORMAL_TEXT,
  contrastRatio,
  DARK_TEXT,
  LIGHT_TEXT,
  readableTextColor,
} from '../../src/domain/contrast.js';

describe('readableTextColor', () => {
  it('puts white text on dark brand colours', () => {
    expect(readableTextColor('#2563eb')).toBe(LIGHT_TEXT); // the default blue
    expect(readableTextColor('#000000')).toBe(LIGHT_TEXT);
    expect(readableTextColor('#7f1d1d')).toBe(LIGHT_TEXT);
  });

  it('puts dark text on light brand colours, where white would fade', () => {
    expect(readableTextColor('#ffeb3b')).toBe(DARK_TEXT); // yellow
    expect(readableTextColor('#ffffff')).toBe(DARK_TEXT);
    expect(readableTextColor('#22c55e')).toBe(DARK_TEXT); // a mid green: white is 2.3:1
  });

  it('reaches AA contrast on every colour of a 6-bit sweep of the cube', () => {
    for (let r = 0; r < 256; r += 17)
      for (let g = 0; g < 256; g += 17)
        for (let b = 0; b < 256; b += 17) {
          const bg = `#${[r, g, b].map((c) => c.toString(16).padStart(2, '0')).join('')}`;
          expect(contrastRatio(bg, readableTextColor(bg))).toBeGreaterThanOrEqual(AA_NORMAL_TEXT);
        }
  });

  it('computes the WCAG ratio: black on white is 21:1, a colour on itself 1:1', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#777777', '#777777')).toBe(1);
    expect(() => readableTextColor('blue')).toThrow(RangeError);
  });
});
