/** The parts of a `block_actions` payload a click handler relies on, validated before anything acts. */
import { z } from 'zod';

export const clickPayloadSchema = z.object({
  type: z.literal('block_actions'),
  trigger_id: z.string().optional(),
  user: z.object({
    id: z.string().regex(/^[UW][A-Z0-9]+$/),
    username: z.string().optional(),
    name: z.string().optional(),
  }),
  channel: z.object({ id: z.string().regex(/^[CGD][A-Z0-9]+$/) }),
  message: z.object({
    ts: z.string().regex(/^\d+\.\d+$/),
    thread_ts: z.string().optional(),
    blocks: z.array(z.record(z.string(), z.unknown())).default([]),
  }),
  actions: z
    .array(
      z.object({
        action_id: z.string().min(1).max(255),
        value: z.string().max(2000).optional(),
        action_ts: z.string().optional(),
      }),
    )
    .min(1),
});

export type ClickPayload = z.infer<typeof clickPayloadSchema>;
