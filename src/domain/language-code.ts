// Which language codes a conversation may be set to. The list is CLDR's, as
// shipped with Node's ICU (`Intl.DisplayNames`), so it is maintained upstream
// rather than copied here.

const names = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });

/**
 * The canonical two- or three-letter code (ISO 639) for `code`, or null when
 * it is not a known language. `IW` and `iw` give `he`; regions and scripts
 * (`en-GB`) are refused: routing matches operators' languages, not dialects.
 */
export function knownLanguageCode(code: string): string | null {
  if (!/^[A-Za-z]{2,3}$/.test(code)) return null;
  let canonical: string;
  try {
    [canonical = ''] = Intl.getCanonicalLocales(code.toLowerCase());
  } catch {
    return null;
  }
  if (!/^[a-z]{2,3}$/.test(canonical) || canonical === 'und') return null;
  return names.of(canonical) === undefined ? null : canonical;
}
