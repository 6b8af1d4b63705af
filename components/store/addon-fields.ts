import type { Conn } from "@/lib/db";
import { addonOffers } from "@/lib/billing/addon-change";
import { formatMoney } from "@/components/ui/money";
import type { AddonField } from "./addon-change";

type Shown = { clientId: number; tariffId: number; handlerId: number | null; months: number; expiresAt: Date | null; resources: { key: string; amount: number }[] };

/** The add-on fields of a service page (the service as `getService` shows it, already checked for access); none when they cannot be changed. */
export async function addonFields(conn: Conn, service: Shown): Promise<AddonField[]> {
  const resources = Object.fromEntries(service.resources.map((r) => [r.key, r.amount]));
  const offers = await addonOffers(conn, { ...service, resources }, new Date());
  return offers.map((o) => ({ key: o.key, label: o.label, unit: o.unit, included: o.included, extra: o.extra, maxExtra: o.maxExtra, price: formatMoney(o.unitPrice, o.currency) }));
}
