/** The chaos run's world: the demo catalog on the simulators, clients with money and contacts, an API key, a webhook endpoint. */
import { eq, sql } from "drizzle-orm";
import { closeDatabase, getDatabase } from "../../lib/db";
import { clients, handlers } from "../../lib/db/schema";
import { seedDemo } from "../../lib/seed";
import { writeSettings } from "../../lib/settings";
import { createApiKey } from "../../lib/services/api-keys/create";
import { creditBalance } from "../../lib/services/balance/credit";
import { createClient } from "../../lib/services/clients/create";
import type { Ctx } from "../../lib/services/context";
import { createWebhookEndpoint } from "../../lib/services/webhooks/create-endpoint";

export async function prepare(webhookUrl: string, count = 6) {
  const { db } = await getDatabase();
  const ctx: Ctx = { db, actor: { type: "system" } };
  await seedDemo(db);
  // Fast retries and short panel time-outs, so the run settles in seconds rather than minutes.
  await writeSettings(db, { retryIntervalSeconds: 1, maxAttempts: 4 });
  await db.update(handlers).set({ connection: sql`${handlers.connection} || '{"timeoutMs": 2000}'::jsonb` });
  const clientIds: number[] = [];
  for (let i = 0; i < count; i++) {
    const { client } = await createClient({
      ctx,
      input: { name: `Chaos Client ${i}`, email: `chaos${i}@example.com`, phone: "+12015550123", country: "US", city: "Springfield", address: `${i} Main St` },
    });
    await db.update(clients).set({ postcode: "62701" }).where(eq(clients.id, client.id));
    await creditBalance({ ctx, input: { clientId: client.id, amount: 100_000_000, note: "Chaos credit" } });
    clientIds.push(client.id);
  }
  const { secret } = await createApiKey({ ctx, input: { name: "chaos", scopes: ["read", "orders:write", "services:write"], clientId: null } });
  await createWebhookEndpoint({ ctx, input: { url: webhookUrl, events: ["service.active", "service.suspended", "service.closed"] } });
  return { db, clientIds, apiKey: secret, close: closeDatabase };
}
