import { apiAdapter } from './api/adapter.js';
import { emailAdapter } from './email/adapter.js';
import { telegramAdapter } from './telegram/adapter.js';
import type { ChannelAdapter, ExternalChannelKind } from './types.js';

export const ADAPTERS: Record<ExternalChannelKind, ChannelAdapter> = {
  telegram: telegramAdapter,
  email: emailAdapter,
  api: apiAdapter,
};
