// What the widget checks before uploading a file: pure, so tests run it anywhere.
import type { WidgetConfig } from '../../src/contract/visitor.js';

/** GET /widget/config's `uploads` (src/contract/visitor.ts). */
export type UploadLimits = WidgetConfig['uploads'];

/** Why a file is refused before upload, or null when it may go. */
export function refusal(
  file: { size: number; type: string },
  limits: UploadLimits | undefined,
): 'size' | 'type' | null {
  if (!limits) return null;
  const type = file.type.split(';')[0]!.trim().toLowerCase();
  if (!limits.types.includes(type)) return 'type';
  if (file.size > limits.maxBytes) return 'size';
  return null;
}

/** A pasted screenshot arrives as "image.png": give it a name an operator can tell apart. */
export function fileName(file: { name: string; type: string }, now: Date): string {
  if (file.name && file.name !== 'image.png') return file.name;
  const ext = file.type.split('/')[1] ?? 'png';
  const stamp = now.toISOString().slice(0, 19).replace(/[T:]/g, '-');
  return `screenshot-${stamp}.${ext}`;
}
