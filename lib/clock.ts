/** Where "now" comes from: the system clock, or a test's controllable clock. */
export type Clock = { now(): Date };
export const systemClock: Clock = { now: () => new Date() };
