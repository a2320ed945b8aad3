/** Production implementations of the core's injected clock and id generator (the core never reads the wall clock itself). */
import type { Clock, IdGenerator } from "./core/clock";

/** The wall clock. */
export const systemClock: Clock = { now: () => Date.now() };

/** Time-sortable random ids (UUIDv7), optionally prefixed. */
export const randomIds: IdGenerator = {
  next: (prefix) => (prefix ? `${prefix}_` : "") + Bun.randomUUIDv7(),
};
