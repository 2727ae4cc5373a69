// A channel's bot (issue 17, docs/bot.md): `settings.bot` of any channel kind,
// checked when an admin saves it and parsed again when used. The external
// bot's signing secret and the hash of its API token are `botSecret` and
// `botTokenHash`, top-level keys the presenters never show.
import { z } from 'zod';
import type { BotSettings } from '../domain/bot/types.js';
import { invalidFromIssue } from '../validation-reason.js';

const text = z.string().trim().min(1).max(2000);
const localizedText = z
  .object({ en: text.optional(), ru: text.optional(), uk: text.optional() })
  .strict();
const label = z.string().trim().min(1).max(64);

const menuItem = z
  .object({
    id: z.string().regex(/^[a-z0-9_-]{1,32}$/i, 'Letters, digits, - and _, at most 32.'),
    label: z
      .object({ en: label.optional(), ru: label.optional(), uk: label.optional() })
      .strict()
      .refine((l) => Object.values(l).some(Boolean), 'A label in at least one language.'),
    answer: localizedText.optional(),
    articleIds: z.array(z.string().uuid()).max(3).optional(),
    teamId: z.string().uuid().nullable().optional(),
    categoryId: z.string().uuid().nullable().optional(),
    handOver: z.boolean().optional(),
  })
  .strict();

export const DEFAULT_BOT_TIMEOUT_MS = 10_000;
export const DEFAULT_THRESHOLD = 0.05;
export const DEFAULT_MAX_TURNS = 3;

export const botSettingsSchema = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('off') }).strict(),
  z
    .object({
      mode: z.literal('builtin'),
      greeting: localizedText.optional(),
      menu: z
        .array(menuItem)
        .max(8)
        .default([])
        .refine((m) => new Set(m.map((i) => i.id)).size === m.length, 'Menu ids must differ.'),
      threshold: z.number().min(0).max(1).default(DEFAULT_THRESHOLD),
      maxTurns: z.number().int().min(1).max(20).default(DEFAULT_MAX_TURNS),
    })
    .strict(),
  z
    .object({
      mode: z.literal('external'),
      url: z.string().url().max(2000),
      timeoutMs: z.number().int().min(1000).max(120_000).default(DEFAULT_BOT_TIMEOUT_MS),
    })
    .strict(),
]);

export type BotSettingsInput = z.input<typeof botSettingsSchema>;

/** For saving: `settings.bot` checked (400 naming the field), defaults filled in. */
export function prepareBotSettings(raw: Record<string, unknown>): Record<string, unknown> {
  if (raw.bot === undefined) return raw;
  if (raw.bot === null) {
    const { bot: _cleared, ...rest } = raw;
    return rest;
  }
  const parsed = botSettingsSchema.safeParse(raw.bot);
  if (!parsed.success) throw invalidFromIssue(['settings', 'bot'], parsed.error.issues[0]!);
  return { ...raw, bot: parsed.data };
}

/** The channel's bot, or null when it has none (or its stored settings no longer parse). */
export function botSettingsOf(settings: Record<string, unknown>): BotSettings | null {
  const parsed = botSettingsSchema.safeParse(settings.bot);
  if (!parsed.success || parsed.data.mode === 'off') return null;
  return parsed.data;
}
