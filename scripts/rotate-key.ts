/**
 * `npm run rotate-key [-- --batch-size 500]` (or `node dist/rotate-key.mjs`): with the new key in
 * APP_ENCRYPTION_KEY and the previous one in APP_ENCRYPTION_KEY_OLD, re-encrypts every stored
 * secret with the new key, in batches, printing progress; then records the new key's check value.
 * Stopped or killed half-way, run it again: it goes on where it was. See docs/production.md, Key rotation.
 */
import { parseArgs } from "node:util";
import { getDatabase } from "../lib/db";
import { rotateEncryptionKey } from "../lib/services/settings/rotate-encryption-key";
import { runCommand, startCommand } from "./command";

startCommand();
const { values } = parseArgs({ options: { "batch-size": { type: "string", default: "500" } } });
if (!process.env.APP_ENCRYPTION_KEY_OLD?.trim()) {
  console.log("APP_ENCRYPTION_KEY_OLD is not set: every secret is read and, where needed, encrypted again with APP_ENCRYPTION_KEY.");
}

runCommand("rotate-key", async () => {
  const { db } = await getDatabase();
  const result = await rotateEncryptionKey({
    ctx: { db, actor: { type: "system" } },
    input: { batchSize: values["batch-size"] },
    onProgress: (p) => console.log(`${p.column}: ${p.checked} of ${p.total} checked, ${p.reencrypted} encrypted again`),
  });
  for (const id of result.unreadable) console.log(`cannot be decrypted with either key, left as it is: ${id}`);
  console.log(`Key rotated: ${result.reencrypted} values encrypted again; the database's key check is now APP_ENCRYPTION_KEY's.`);
  if (result.unreadable.length) console.log(`${result.unreadable.length} values no key decrypts: type those credentials again in the admin.`);
  console.log("Next: remove APP_ENCRYPTION_KEY_OLD from every process and restart them.");
  return 0;
});
