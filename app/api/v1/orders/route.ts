import { orders } from "@/lib/api/endpoints";
import { Reply } from "@/lib/api/endpoint";
import { withApiKey } from "@/lib/api/with-api-key";
import { withDomainNames } from "@/lib/api/domain-names";
import { createOrder } from "@/lib/services/orders/create";
import { listOrderItems } from "@/lib/services/orders/items";

export const POST = withApiKey(orders.createOrder, async ({ ctx, body }) => {
  const { items: made, ...result } = await createOrder({ ctx, input: body });
  // A new order's items come with it; an order made before is read back.
  const items = made ?? (await listOrderItems({ ctx, input: { orderId: result.order.id } }));
  return new Reply(result.created ? 201 : 200, { ...result, items: items.map(withDomainNames) });
});
