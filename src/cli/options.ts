import { InputError } from '../errors.js';

/** A non-negative integer option, or its default when absent. */
export function parseNumberOption(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value))
    throw new InputError(`${name} must be a non-negative whole number (got '${value}').`);
  return Number(value);
}

/** A share between 0 and 1 (the fault rate), 0 when absent. */
export function parseRateOption(name: string, value: string | undefined): number {
  if (value === undefined) return 0;
  const rate = Number(value);
  if (value.trim() === '' || !Number.isFinite(rate) || rate < 0 || rate > 1) {
    throw new InputError(`${name} must be a number between 0 and 1 (got '${value}').`);
  }
  return rate;
}
