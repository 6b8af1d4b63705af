import { orders } from "@/lib/api/endpoints";
import { withApiKey } from "@/lib/api/with-api-key";
import { withDomainNames } from "@/lib/api/domain-names";
import { payOrder } from "@/lib/services/orders/pay";

export const POST = withApiKey(orders.payOrder, async ({ ctx, params }) => {
  const { order, services, charged } = await payOrder({ ctx, input: { orderId: params.id } });
  return { order, charged, services: services.map(({ secrets: _secrets, ...service }) => withDomainNames(service)) };
});
