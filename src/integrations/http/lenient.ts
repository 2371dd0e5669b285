/**
 * Zod pieces for the loose typing of real APIs: SoftLayer sends some numbers as strings (`"64"`),
 * Tenable.sc sends ids and timestamps as strings, and absent values come as missing, null or "".
 */
import { z } from 'zod';

/** An integer sent as a number or a numeric string. */
export const intLike = z.union([
  z.number().int(),
  z
    .string()
    .trim()
    .regex(/^-?\d+$/)
    .transform(Number),
]);

/** An id sent as a string or a number, kept as a string. */
export const idString = z.union([z.string().trim().min(1), z.number().int().transform(String)]);

/** A string that may be missing, null or empty; all three read as null. */
export const optionalText = z
  .string()
  .nullish()
  .transform((value) => (value ? value : null));
