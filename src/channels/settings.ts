// Channel settings are validated per kind when a channel is created and parsed
// again when used (rows may predate a setting). A bad setting names its field.
import { z } from 'zod';
import { AUTO_CLOSE_BOUNDS_MS } from '../domain/care/auto-close.js';
import { SERVICE_LEVEL_TARGET_BOUNDS_MS } from '../domain/metrics/index.js';
import type { ChannelKind, ChannelRow } from '../store/schema.js';
import { invalidFromIssue } from '../validation-reason.js';
import { type ApiSettings, apiSettingsSchema } from './api/settings.js';
import { prepareBotSettings } from './bot-settings.js';
import { type EmailSettings, emailSettingsSchema } from './email/settings.js';
import { checkDestination, type OutboundPolicy, type Resolver } from './outbound-address.js';
import {
  newWebhookSecret,
  type TelegramSettings,
  telegramSettingsSchema,
} from './telegram/settings.js';
import { ChannelError } from './types.js';

export interface SettingsByKind {
  telegram: TelegramSettings;
  email: EmailSettings;
  api: ApiSettings;
}

const SCHEMAS: { [K in keyof SettingsByKind]: z.ZodType<SettingsByKind[K]> } = {
  telegram: telegramSettingsSchema,
  email: emailSettingsSchema,
  api: apiSettingsSchema,
};

/** The setting that connects a channel; without it the channel exists but is not connected yet. */
const CONNECTING_KEY: { [K in keyof SettingsByKind]: string } = {
  telegram: 'botToken',
  email: 'address',
  api: 'hmacSecret',
};

/**
 * A channel's own SLA thresholds (DESIGN §3), in milliseconds like the
 * account's; either may be left out to inherit the account's. Whole seconds at
 * least, as the admin app edits them.
 */
const slaSchema = z
  .object({
    yellowMs: z.number().int().min(1000, 'At least 1 second.').optional(),
    redMs: z.number().int().min(1000, 'At least 1 second.').optional(),
  })
  .strict()
  .refine((s) => s.yellowMs === undefined || s.redMs === undefined || s.redMs > s.yellowMs, {
    message: 'Red must come after yellow.',
    path: ['redMs'],
  });

/** Checks `settings.sla`; `null` clears the channel's own thresholds (the account's apply). */
function prepareSla(raw: Record<string, unknown>): Record<string, unknown> {
  if (raw.sla === undefined) return raw;
  if (raw.sla === null) {
    const { sla: _cleared, ...rest } = raw;
    return rest;
  }
  const parsed = slaSchema.safeParse(raw.sla);
  if (!parsed.success) {
    throw invalidFromIssue(['settings', 'sla'], parsed.error.issues[0]!);
  }
  return { ...raw, sla: parsed.data };
}

/**
 * A channel's own service-level threshold T (DESIGN §3: the share of
 * conversations answered within T), read by the reports when they are filtered
 * to the channel; `null` clears it (the account's applies). Bounds as the
 * account's.
 */
const serviceLevelSchema = z
  .number()
  .int()
  .min(SERVICE_LEVEL_TARGET_BOUNDS_MS.min, 'At least 1 second.')
  .max(SERVICE_LEVEL_TARGET_BOUNDS_MS.max, 'At most one hour.');

function prepareServiceLevel(raw: Record<string, unknown>): Record<string, unknown> {
  const value = raw.serviceLevelTargetMs;
  if (value === undefined) return raw;
  if (value === null) {
    const { serviceLevelTargetMs: _cleared, ...rest } = raw;
    return rest;
  }
  const parsed = serviceLevelSchema.safeParse(value);
  if (!parsed.success)
    throw invalidFromIssue(['settings', 'serviceLevelTargetMs'], parsed.error.issues[0]!);
  return raw;
}

/**
 * Auto-close (src/domain/care/auto-close.ts): `settings.autoCloseMs` is the
 * client's silence after the operator's or bot's last message before the
 * conversation closes; 0 turns it off; `null` clears it (the kind's default).
 */
const autoCloseSchema = z
  .number()
  .int()
  .min(AUTO_CLOSE_BOUNDS_MS.min, 'At least 2 minutes, or 0 for off.')
  .max(AUTO_CLOSE_BOUNDS_MS.max, 'At most 30 days.');

function prepareAutoClose(raw: Record<string, unknown>): Record<string, unknown> {
  const value = raw.autoCloseMs;
  if (value === undefined) return raw;
  if (value === null) {
    const { autoCloseMs: _cleared, ...rest } = raw;
    return rest;
  }
  if (value === 0) return raw;
  const parsed = autoCloseSchema.safeParse(value);
  if (!parsed.success) throw invalidFromIssue(['settings', 'autoCloseMs'], parsed.error.issues[0]!);
  return raw;
}

/**
 * The website chat's look and reach, checked when present: a share of
 * visitors is a percentage, a colour is #rrggbb (the widget picks readable
 * text for it), a title is short (empty: the account's name).
 */
const widgetSchema = z.object({
  title: z.string().max(100).optional(),
  color: z
    .string()
    .regex(/^#[0-9a-f]{6}$/i)
    .optional(),
  displayShare: z.number().min(0).max(100).optional(),
  /** A search box over published articles before the chat starts (issue 17). */
  articleSearch: z.boolean().optional(),
});

/**
 * For channel creation and changes: the settings to store, with defaults and
 * generated secrets (the Telegram webhook secret_token) filled in. SLA
 * thresholds are checked for every kind; other unknown keys (notices) are
 * kept. A channel without its connecting setting is accepted as "not
 * connected yet": nothing comes in and replies go to the dead-letter list
 * until an admin connects it.
 */
export function prepareChannelSettings(
  kind: ChannelKind,
  input: Record<string, unknown>,
): Record<string, unknown> {
  const raw = prepareBotSettings(prepareAutoClose(prepareServiceLevel(prepareSla(input))));
  if (kind === 'widget') {
    const parsed = widgetSchema.safeParse(raw);
    if (!parsed.success) throw invalidFromIssue(['settings'], parsed.error.issues[0]!);
    return raw;
  }
  if (raw[CONNECTING_KEY[kind]] === undefined) return raw;
  const parsed = SCHEMAS[kind].safeParse(raw);
  if (!parsed.success) {
    throw invalidFromIssue(['settings'], parsed.error.issues[0]!);
  }
  const settings = { ...raw, ...(parsed.data as Record<string, unknown>) };
  if (kind === 'telegram' && settings.secret === undefined) settings.secret = newWebhookSecret();
  return settings;
}

/** Settings that name where Switchboard connects: URLs and mail hosts, whatever the kind. */
const DESTINATION_KEYS = ['apiRoot', 'outboundUrl', 'smtpHost', 'imapHost'] as const;

/**
 * The save-time check of a channel's destinations against the server's
 * outbound policy (a 400 naming the setting). Routes run it before the action:
 * it may wait for DNS, which must not happen inside a transaction.
 */
export async function checkChannelDestinations(
  settings: Record<string, unknown> | undefined,
  policy: OutboundPolicy,
  resolver?: Resolver,
): Promise<void> {
  for (const key of DESTINATION_KEYS) {
    const value = settings?.[key];
    if (typeof value === 'string')
      await checkDestination(`settings.${key}`, value, policy, resolver);
  }
  // An external bot's URL (src/channels/bot-settings.ts) is a destination too.
  const bot = settings?.bot as { url?: unknown } | null | undefined;
  if (typeof bot?.url === 'string')
    await checkDestination('settings.bot.url', bot.url, policy, resolver);
}

/** For the workers: typed settings of a stored channel, or a permanent delivery error. */
export function channelSettings<K extends keyof SettingsByKind>(
  kind: K,
  channel: ChannelRow,
): SettingsByKind[K] {
  if (channel.settings[CONNECTING_KEY[kind]] === undefined)
    throw new ChannelError(
      'permanent',
      `The channel is not connected: set settings.${CONNECTING_KEY[kind]}.`,
    );
  const parsed = SCHEMAS[kind].safeParse(channel.settings);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ChannelError(
      'permanent',
      `Channel settings are invalid: settings.${issue.path.join('.')}: ${issue.message}`,
    );
  }
  return parsed.data;
}
