import { randomBytes } from "node:crypto";
import { and, eq, gt, isNull } from "drizzle-orm";
import type { Conn } from "../db";
import { userTokens } from "../db/schema";
import type { UserTokenPurpose } from "../vocabulary";
import { sha256 } from "../crypto";

export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** A new one-time token for a user; only its hash is stored. Earlier unused ones of that purpose stop working. */
export async function issueToken(conn: Conn, userId: number, purpose: UserTokenPurpose, now: Date, ttlMs: number): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  await conn
    .update(userTokens)
    .set({ usedAt: now })
    .where(and(eq(userTokens.userId, userId), eq(userTokens.purpose, purpose), isNull(userTokens.usedAt)));
  await conn.insert(userTokens).values({ userId, purpose, hash: sha256(token), createdAt: now, expiresAt: new Date(now.getTime() + ttlMs) });
  return token;
}

/** Uses a token once: the user it was for, or null when unknown, used or expired. */
export async function consumeToken(conn: Conn, token: string, purpose: UserTokenPurpose, now: Date): Promise<number | null> {
  if (!TOKEN_PATTERN.test(token)) return null;
  const [row] = await conn
    .update(userTokens)
    .set({ usedAt: now })
    .where(and(eq(userTokens.hash, sha256(token)), eq(userTokens.purpose, purpose), isNull(userTokens.usedAt), gt(userTokens.expiresAt, now)))
    .returning({ userId: userTokens.userId });
  return row?.userId ?? null;
}
