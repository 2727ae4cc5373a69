// Typo tolerance: optimal-string-alignment (restricted Damerau-Levenshtein)
// distance, bounded so a mismatch is rejected as soon as it is certain.

/** True when a and b differ by at most one insertion, deletion, substitution or adjacent swap. */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > 1) return false;
  let i = 0;
  while (i < la && i < lb && a[i] === b[i]) i++;
  if (la === lb) {
    // substitution at i, or a swap of i and i+1
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  // one deletion from the longer string at i
  return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/**
 * One edit is forgiven from five letters when the lengths agree (a slip or a
 * swap), and from six when a letter is missing or doubled — shorter than that,
 * a dropped letter is usually another word form ("минут" vs "минуту").
 * Short words ("да", "нет", "ok") must match exactly. Typos keep the first
 * letter (people see it): "забере" is not a typo of "набере".
 */
export function typoEqual(a: string, b: string, sameLengthMinimum = 5): boolean {
  if (a === b) return true;
  if (a[0] !== b[0]) return false;
  const shorter = Math.min(a.length, b.length);
  const minimum = a.length === b.length ? sameLengthMinimum : Math.max(6, sameLengthMinimum);
  return shorter >= minimum && withinOneEdit(a, b);
}
