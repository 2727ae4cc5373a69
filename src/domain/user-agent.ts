/**
 * Browser and OS names from a User-Agent header, for the operator's context
 * panel only: nothing decides anything on them. A dozen rules cover the
 * browsers people chat from; the libraries that know every device (ua-parser-js)
 * are larger than the whole widget and AGPL-licensed since v2, for a line of text.
 * Order matters: Edge, Opera and Samsung Internet also say "Chrome", and
 * Chrome also says "Safari".
 */

export interface UserAgentInfo {
  /** e.g. "Chrome 126"; null when not recognised. */
  browser: string | null;
  /** e.g. "Windows 10/11", "iOS 17.5"; null when not recognised. */
  os: string | null;
}

const BROWSERS: readonly [RegExp, string][] = [
  [/\bEdg(?:e|A|iOS)?\/(\d+)/, 'Edge'],
  [/\bOPR\/(\d+)/, 'Opera'],
  [/\bYaBrowser\/(\d+)/, 'Yandex Browser'],
  [/\bSamsungBrowser\/(\d+)/, 'Samsung Internet'],
  [/\bFirefox\/(\d+)/, 'Firefox'],
  [/\bFxiOS\/(\d+)/, 'Firefox'],
  [/\bHeadlessChrome\/(\d+)/, 'Headless Chrome'],
  [/\bCriOS\/(\d+)/, 'Chrome'],
  [/\bChrom(?:e|ium)\/(\d+)/, 'Chrome'],
  [/\bVersion\/(\d+(?:\.\d+)?).*\bSafari\//, 'Safari'],
];

const OSES: readonly [RegExp, (m: RegExpMatchArray) => string][] = [
  [/\bWindows NT 10\.0/, () => 'Windows 10/11'],
  [/\bWindows NT (\d+\.\d+)/, (m) => `Windows NT ${m[1]}`],
  [/\b(?:iPhone|iPad|iPod).*? OS (\d+)(?:_(\d+))?/, (m) => `iOS ${m[1]}${m[2] ? `.${m[2]}` : ''}`],
  [/\bMac OS X (\d+)[._](\d+)/, (m) => `macOS ${m[1]}.${m[2]}`],
  [/\bAndroid (\d+(?:\.\d+)?)/, (m) => `Android ${m[1]}`],
  [/\bCrOS\b/, () => 'ChromeOS'],
  [/\bLinux\b/, () => 'Linux'],
];

/** Longer headers are cut before matching: a hostile client gains nothing from a huge one. */
const MAX_LENGTH = 512;

export function parseUserAgent(header: string | null | undefined): UserAgentInfo {
  const ua = (header ?? '').slice(0, MAX_LENGTH);
  let browser: string | null = null;
  for (const [re, name] of BROWSERS) {
    const m = ua.match(re);
    if (m) {
      browser = `${name} ${m[1]}`;
      break;
    }
  }
  let os: string | null = null;
  for (const [re, name] of OSES) {
    const m = ua.match(re);
    if (m) {
      os = name(m);
      break;
    }
  }
  return { browser, os };
}
