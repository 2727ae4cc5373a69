// Display share: a channel shows the launcher to only X % of visitors (a test
// rollout). Each visitor draws a bucket in [0, 100) once and keeps it, so the
// decision never flips between page loads, and raising the share from 20 to 50
// keeps the first 20 % and adds more instead of reshuffling everyone.

/** The visitor's kept bucket, or a fresh draw when none is stored (or it is corrupt). */
export function shareBucket(stored: string | null, random: () => number): number {
  // Strictly a decimal: Number('') is 0, which would put every corrupt entry in the share.
  const kept = stored && /^\d+(\.\d+)?$/.test(stored) ? Number(stored) : Number.NaN;
  if (kept < 100) return kept;
  return Math.floor(random() * 10_000) / 100;
}

/** A visitor with an open conversation always sees the widget, whatever the share. */
export function launcherVisible(
  displayShare: number,
  bucket: number,
  hasOpenConversation: boolean,
): boolean {
  return hasOpenConversation || bucket < displayShare;
}
