import { ApiError } from "./errors";

type Bucket = { tokens: number; at: number; perMin: number };
const holderKey = Symbol.for("provisio.api.rateLimit");
const holder = globalThis as { [holderKey]?: Map<number, Bucket> };

export const DEFAULT_RATE_LIMIT_PER_MIN = 600;

export function rateLimitPerMin(env: NodeJS.ProcessEnv = process.env): number {
  const value = Number(env.API_RATE_LIMIT_PER_MIN);
  return Number.isFinite(value) && value > 0 ? value : DEFAULT_RATE_LIMIT_PER_MIN;
}

/**
 * A token bucket per API key in this process: a burst of up to a minute's allowance, refilled
 * evenly. An empty bucket answers 429 with the seconds until the next token in Retry-After.
 */
export function takeToken(apiKeyId: number, now = Date.now(), perMin = rateLimitPerMin()): void {
  const buckets = (holder[holderKey] ??= new Map());
  let bucket = buckets.get(apiKeyId);
  if (!bucket || bucket.perMin !== perMin) {
    bucket = { tokens: perMin, at: now, perMin };
    buckets.set(apiKeyId, bucket);
  }
  const perMs = perMin / 60_000;
  bucket.tokens = Math.min(perMin, bucket.tokens + (now - bucket.at) * perMs);
  bucket.at = now;
  if (bucket.tokens >= 1) {
    bucket.tokens -= 1;
    return;
  }
  const retryAfter = Math.max(1, Math.ceil((1 - bucket.tokens) / perMs / 1000));
  throw new ApiError(429, "rate_limited", `Too many requests: ${perMin} a minute per API key`, { limitPerMin: perMin, retryAfter }, {
    "retry-after": String(retryAfter),
  });
}

/** Forgets every bucket (tests). */
export function resetRateLimits(): void {
  holder[holderKey]?.clear();
}
