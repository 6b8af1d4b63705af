import { sql } from "drizzle-orm";
import { z } from "zod";
import { reencrypt, UnreadableSecretError } from "../../crypto";
import { rows } from "../../db/rows";
import { forbidden } from "../../errors";
import { checkEncryptionKey, ENCRYPTED_COLUMNS, recordKeyCheck } from "../../key-check";
import { audit } from "../audit";
import { parseInput, type Ctx } from "../context";

export const rotateInput = z.object({ batchSize: z.coerce.number().int().min(1).max(10_000).default(500) });

export type RotationProgress = { column: string; checked: number; total: number; reencrypted: number };
export type RotationResult = { reencrypted: number; unreadable: string[]; columns: RotationProgress[] };

/**
 * Re-encrypts every stored secret with APP_ENCRYPTION_KEY (values still under APP_ENCRYPTION_KEY_OLD),
 * one batch per transaction with its rows locked, so a secret saved meanwhile is never overwritten.
 * Values already under the new key are left alone: after a kill, running it again resumes. At the
 * end the key check value becomes the new key's, and processes with only the old key refuse to start.
 * Values that no key decrypts are listed (table and id): an admin types those credentials again.
 */
export async function rotateEncryptionKey({ ctx, input, onProgress }: { ctx: Ctx; input: unknown; onProgress?: (p: RotationProgress) => void }): Promise<RotationResult> {
  if (ctx.actor.type !== "system") throw forbidden("The key is rotated from the command line (npm run rotate-key)");
  const { batchSize } = parseInput(rotateInput, input);
  await checkEncryptionKey(ctx.db);
  const result: RotationResult = { reencrypted: 0, unreadable: [], columns: [] };
  for (const { table, column } of ENCRYPTED_COLUMNS) {
    const name = `${table}.${column}`;
    const t = sql.identifier(table);
    const c = sql.identifier(column);
    const [count] = await rows<{ n: number }>(ctx.db, sql`select count(*)::int as n from ${t} where ${c} is not null`);
    const progress: RotationProgress = { column: name, checked: 0, total: Number(count?.n ?? 0), reencrypted: 0 };
    for (let after = 0; ; ) {
      const batch = await ctx.db.transaction(async (tx) => {
        const found = await rows<{ id: number; value: string }>(
          tx,
          sql`select id, ${c} as value from ${t} where id > ${after} and ${c} is not null order by id limit ${batchSize} for update`,
        );
        for (const row of found) {
          const fresh = reencryptOrNote(row.value, () => result.unreadable.push(`${name} #${row.id}`));
          if (!fresh) continue;
          await tx.execute(sql`update ${t} set ${c} = ${fresh} where id = ${row.id}`);
          progress.reencrypted++;
        }
        return found;
      });
      if (batch.length === 0) break;
      after = Number(batch[batch.length - 1]!.id);
      progress.checked += batch.length;
      onProgress?.({ ...progress });
    }
    result.reencrypted += progress.reencrypted;
    result.columns.push(progress);
  }
  await ctx.db.transaction(async (tx) => {
    await recordKeyCheck(tx);
    await audit(tx, ctx.actor, { action: "encryption_key.rotate", entity: "settings", entityId: "encryptionKeyCheck", after: { reencrypted: result.reencrypted, unreadable: result.unreadable.length } });
  });
  return result;
}

function reencryptOrNote(value: string, note: () => void): string | null {
  try {
    return reencrypt(value);
  } catch (error) {
    if (!(error instanceof UnreadableSecretError)) throw error;
    note();
    return null;
  }
}
