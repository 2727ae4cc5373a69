// POST /replay (docs/replay.md): the settings to try, and the answer: the period
// as it went, as the settings would have handled it, and as the simulator replays
// the settings as they were (its own error).
import { z } from 'zod';

const uuid = z.string().uuid();

const modeSchema = z.enum(['least_loaded', 'random', 'round_robin', 'manual']);

export const ReplaySettingsBody = z
  .object({
    mode: modeSchema.optional(),
    limits: z.record(uuid, z.number().int().min(1).max(100)).optional(),
    operatorsPerHour: z.array(z.number().int().min(0).max(1000).nullable()).length(24).optional(),
    channelPriorities: z.record(uuid, z.number().int().min(1).max(100)).optional(),
    slaSeconds: z.number().positive().max(3600).optional(),
  })
  .strict();

const figures = {
  conversations: z.number().int(),
  serviceLevel: z.number().nullable(),
  avgWaitS: z.number().nullable(),
  p90WaitS: z.number().nullable(),
  abandoned: z.number().int(),
};
const figuresSchema = z.object(figures);
const sideSchema = z.object({
  totals: figuresSchema,
  operators: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      virtual: z.boolean(),
      onlineHours: z.number(),
      handled: z.number().int(),
      occupancy: z.number().nullable(),
    }),
  ),
  hours: z.array(z.object({ start: z.string(), operatorsOnline: z.number(), ...figures })),
});

export const ReplayAnswer = z.object({
  /** The settings as they are, for a form to start from. */
  baseline: z.object({
    mode: modeSchema,
    teams: z.array(z.object({ id: z.string(), name: z.string(), mode: modeSchema })),
    operators: z.array(z.object({ id: z.string(), name: z.string(), limit: z.number().int() })),
    channels: z.array(z.object({ id: z.string(), name: z.string(), priority: z.number().int() })),
    slaSeconds: z.number(),
  }),
  period: z.object({ from: z.string(), to: z.string(), tz: z.string() }),
  slaSeconds: z.number(),
  actual: sideSchema,
  replay: sideSchema,
  /** The replay of the settings as they were: its distance from `actual` is the replay's own error. */
  unchanged: z.object({ totals: figuresSchema }),
});

export type ReplayAnswer = z.infer<typeof ReplayAnswer>;
/** The request body's settings, as a client writes them. */
export type ReplaySettingsBody = z.input<typeof ReplaySettingsBody>;
