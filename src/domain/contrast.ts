/**
 * Text colour that stays readable on a brand colour (WCAG 2.x): white when it
 * reaches the AA contrast for normal text (4.5:1), black otherwise. One of the
 * two always does — below white's threshold the background is light enough
 * that black reaches more than 4.6:1.
 */

export const AA_NORMAL_TEXT = 4.5;
export const LIGHT_TEXT = '#ffffff';
export const DARK_TEXT = '#000000';

/** Relative luminance of a #rrggbb colour (WCAG 2.x definition, sRGB). */
export function relativeLuminance(hex: string): number {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!match) throw new RangeError(`not a #rrggbb colour: "${hex}"`);
  const [r, g, b] = match.slice(1).map((part) => {
    const c = Number.parseInt(part, 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** Contrast ratio of two colours, from 1 (same) to 21 (black on white). */
export function contrastRatio(a: string, b: string): number {
  const [light, dark] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x) as [
    number,
    number,
  ];
  return (light + 0.05) / (dark + 0.05);
}

/** The text colour for a background: white when readable (≥ 4.5:1), else black. */
export function readableTextColor(background: string): string {
  return contrastRatio(background, LIGHT_TEXT) >= AA_NORMAL_TEXT ? LIGHT_TEXT : DARK_TEXT;
}
