import { settingsSchema, readSettings, writeSettings, type Settings } from "../../settings";
import { audit } from "../audit";
import { parseInput, requireAdmin, type Ctx } from "../context";

export const updateSettingsInput = settingsSchema
  .partial()
  .strict()
  .refine((v) => Object.keys(v).length > 0, "Change at least one setting");

/** An admin changes settings; the audit row keeps the changed keys before and after. */
export async function updateSettings({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<Settings> {
  requireAdmin(ctx.actor);
  const values = parseInput(updateSettingsInput, input);
  const keys = Object.keys(values) as (keyof Settings)[];
  return ctx.db.transaction(async (tx) => {
    const before = await readSettings(tx);
    await writeSettings(tx, values);
    const after = await readSettings(tx);
    const pick = (s: Settings) => Object.fromEntries(keys.map((k) => [k, s[k]]));
    await audit(tx, ctx.actor, { action: "update", entity: "settings", before: pick(before), after: pick(after) });
    return after;
  });
}
