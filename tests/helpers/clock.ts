import type { Clock } from "@/lib/clock";

export type TestClock = Clock & { advance(seconds: number): void; set(date: Date): void };

/** A clock that moves only when a test says so. */
export function testClock(start = new Date()): TestClock {
  let current = new Date(start.getTime());
  return {
    now: () => new Date(current.getTime()),
    advance(seconds) {
      current = new Date(current.getTime() + seconds * 1000);
    },
    set(date) {
      current = new Date(date.getTime());
    },
  };
}
