import { listServicesInput } from "../../services/services/list";
import { z } from "zod";
import { defineEndpoint, idParams, noBody } from "../endpoint";

export const listServices = defineEndpoint({
  id: "listServices", method: "GET", path: "/services", tag: "Services", scope: "read",
  summary: "Services, newest first, a page at a time",
  description: "A client-bound key sees its client's services only.",
  query: listServicesInput,
  response: "`{ items, nextCursor }`; each item is a service (never its secrets) with `tariffName` and `clientName`",
});

export const getService = defineEndpoint({
  id: "getService", method: "GET", path: "/services/{id}", tag: "Services", scope: "read",
  summary: "One service with its resources, history, operations and renewal price",
  params: idParams,
  response: "The service (never its secrets)",
});

const action = (name: "suspend" | "resume" | "close" | "renew", summary: string, description: string) =>
  defineEndpoint({
    id: `${name}Service`, method: "POST", path: `/services/{id}/${name}`, tag: "Services", scope: "services:write",
    summary, description, params: idParams, body: noBody, status: 202,
    response: "Accepted: the operation is queued and runs in the background",
  });

export const suspendService = action("suspend", "Suspend an active service", "Records the reason `admin` and queues a `suspend` operation. Staff-level (admin) keys only.");
export const resumeService = action("resume", "Resume a suspended service", "Lifts the reasons placed on the service itself and queues a `resume` operation; 409 while its client is suspended. Staff-level (admin) keys only.");
export const closeService = defineEndpoint({
  id: "closeService", method: "POST", path: "/services/{id}/close", tag: "Services", scope: "services:write",
  summary: "Close a service, now or at the end of its paid period",
  description: "Turns auto-renew off and queues a `close` operation: now (the default), or with `{\"when\":\"period_end\"}` due when the paid period ends. Closing now refunds the unused time to the balance when the tariff says so.",
  params: idParams, body: z.strictObject({ when: z.enum(["now", "period_end"]).optional() }), status: 202,
  response: "Accepted: `{ operationId, created, refund, currency, closesAt }`; `refund` is what returned to the balance, in minor units",
});
export const renewService = action("renew", "Renew a service now", "Charges the renewal from the balance and queues `prolong`. 422 on insufficient funds.");
