/**
 * `npm run db:copy-identity [-- --staging]` (or `node dist/copy-identity.mjs`): run on a restored
 * copy of the database before any of its processes starts. Gives the copy a new installation id
 * (its Resend idempotency keys then never repeat the original's); with --staging it also turns
 * every handler into a disabled manual one, disables webhook endpoints and turns outgoing email off.
 * See docs/production.md, Backup and restore.
 */
import { parseArgs } from "node:util";
import { getDatabase } from "../lib/db";
import { copyIdentity } from "../lib/services/settings/copy-identity";
import { runCommand, startCommand } from "./command";

startCommand();
const { values } = parseArgs({ options: { staging: { type: "boolean", default: false } } });

runCommand("copy-identity", async () => {
  const { db } = await getDatabase();
  const result = await copyIdentity({ ctx: { db, actor: { type: "system" } }, input: { staging: values.staging } });
  console.log(`Installation id: ${result.before ?? "(none)"} → ${result.after}`);
  if (result.outgoingEmailOff) {
    console.log(`Staging: ${result.handlersMadeManual} handlers now disabled and processed by hand, ${result.webhookEndpointsDisabled} webhook endpoints disabled, outgoing email off.`);
  }
  return 0;
});
