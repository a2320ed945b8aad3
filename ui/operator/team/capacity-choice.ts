/**
 * My own capacity as the status menu shows and sends it: how many conversations at once I take,
 * from 1 up to the configured ceiling. Pure, so the rules are tested without a browser.
 */

/** What the status menu shows, or null when the server did not say (an older server). */
export interface CapacityChoice {
  readonly value: number;
  readonly max: number;
}

/** My limit and ceiling from my snapshot / presence entry. */
export function capacityChoice(me: { readonly capacity?: number | undefined; readonly maxCapacity?: number | undefined } | null): CapacityChoice | null {
  if (!me || me.capacity === undefined || me.maxCapacity === undefined || me.maxCapacity < 1) return null;
  return { value: Math.min(Math.max(me.capacity, 1), me.maxCapacity), max: me.maxCapacity };
}

/** The number typed, as a limit to send: a whole number from 1 to `max`, clamped; null when it is not a number. */
export function parseCapacity(input: string, max: number): number | null {
  const trimmed = input.trim();
  if (!/^\d+$/.test(trimmed)) return null;
  return Math.min(Math.max(Number(trimmed), 1), max);
}
