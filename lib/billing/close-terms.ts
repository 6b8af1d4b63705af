import { eq } from "drizzle-orm";
import type { Conn } from "../db";
import { clients, tariffs } from "../db/schema";
import type { ServiceRow } from "../services/services/load-own";
import { paidFor, unusedPart } from "./paid-period";

export type CloseWhen = "now" | "period_end";

/**
 * What closing a service gives back, shown before the client confirms and said again in the email:
 * closing now refunds the unused paid time pro rata to the balance when the tariff says so; closing
 * at the end of the paid period refunds nothing, the service runs until then.
 */
export async function closeTerms(conn: Conn, service: ServiceRow, at: Date) {
  const [tariff] = await conn.select({ refund: tariffs.refundUnusedOnClose }).from(tariffs).where(eq(tariffs.id, service.tariffId));
  const [client] = await conn.select({ currency: clients.currency }).from(clients).where(eq(clients.id, service.clientId));
  const currency = client!.currency;
  let refund = 0;
  let invoiceId: number | null = null;
  if (tariff?.refund && service.expiresAt && service.expiresAt > at) {
    const paid = await paidFor(conn, service);
    refund = Math.max(0, Math.min(unusedPart(paid.period.amount, service, at), paid.total - paid.refunded));
    invoiceId = paid.period.invoiceId;
  }
  const endsAt = service.expiresAt && service.expiresAt > at ? service.expiresAt : null;
  return { refund, currency, invoiceId, endsAt };
}
