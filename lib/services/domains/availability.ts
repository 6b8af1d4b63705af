import { createAttemptLog } from "../../modules/attempt-log";
import type { Availability } from "../../modules/contract";
import { getModule } from "../../modules/registry";
import { handlerConnection } from "../../processing/load";
import { describeError, logger } from "../../log";
import type { Registrar } from "./registrars";

/** How long an answer is reused, and how many are kept (past that, all are forgotten at once). */
export const AVAILABILITY_TTL_MS = 60_000;
const MAX_KEPT = 2_000;

const kept = new Map<string, { at: number; answer: Availability }>();

/**
 * Names a search may ask one registrar per minute (checkout is not counted). Registrars lock out
 * accounts that ask too often (Webnames bans polling clients); past this, searches say "try again".
 */
export const SEARCHES_PER_MINUTE = 60;
const asked = new Map<number, { from: number; count: number }>();

function withinLimit(handlerId: number, names: number, time: number): boolean {
  const window = asked.get(handlerId);
  if (!window || time - window.from >= 60_000 || time < window.from) {
    if (asked.size >= MAX_KEPT) asked.clear();
    asked.set(handlerId, { from: time, count: names });
    return names <= SEARCHES_PER_MINUTE;
  }
  window.count += names;
  return window.count <= SEARCHES_PER_MINUTE;
}

function keep(key: string, answer: Availability, at: number) {
  if (kept.size >= MAX_KEPT) kept.clear();
  kept.set(key, { at, answer });
}

/**
 * What the registrar says of each name (punycode), in order. Answers younger than the TTL are reused
 * unless `fresh` (checkout asks afresh); a registry that does not answer gives "unknown", never kept.
 */
export async function availability(registrar: Registrar, names: string[], at: Date, fresh = false): Promise<Availability[]> {
  const key = (name: string) => `${registrar.id}:${name}`;
  const time = at.getTime();
  const cached = (name: string) => {
    const hit = fresh ? undefined : kept.get(key(name));
    return hit && time - hit.at < AVAILABILITY_TTL_MS && time >= hit.at ? hit.answer : undefined;
  };
  const ask = names.filter((n) => !cached(n));
  const answers = new Map<string, Availability>();
  const busy = ask.length > 0 && !fresh && !withinLimit(registrar.id, ask.length, time);
  if (ask.length > 0 && !busy) {
    const module = getModule(registrar.module);
    const log = createAttemptLog();
    try {
      const got = await module.checkAvailability!(handlerConnection(registrar), ask, log);
      for (const a of got) {
        answers.set(a.name, a);
        if (a.status !== "unknown") keep(key(a.name), a, time);
      }
    } catch (error) {
      logger().warn({ handlerId: registrar.id, err: log.redact(describeError(error).message) }, "domain availability check failed");
    }
  }
  const reason = busy ? "Many searches right now; try again in a minute" : "The registry did not answer; try again in a minute";
  return names.map((name) => cached(name) ?? answers.get(name) ?? { name, status: "unknown", reason });
}
