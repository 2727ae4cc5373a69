// Secrets handed to people (session ids, API tokens) are random and stored only as hashes.
import { createHash, randomBytes } from 'node:crypto';

export const hashToken = (token: string): string =>
  createHash('sha256').update(token).digest('hex');
export const newSecretToken = (prefix: string): string =>
  `${prefix}_${randomBytes(24).toString('base64url')}`;
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;
