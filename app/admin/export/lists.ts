import { listAudit } from "@/lib/services/audit/list";
import { listClients } from "@/lib/services/clients/list";
import type { Ctx } from "@/lib/services/context";
import { listCreditNotes } from "@/lib/services/invoices/credit-notes";
import { listInvoices } from "@/lib/services/invoices/list";
import { listPayments } from "@/lib/services/payments/list";
import { listOperations } from "@/lib/services/operations/list";
import { listServices } from "@/lib/services/services/list";

type Page = { items: Record<string, unknown>[]; nextCursor: number | null };
type Export = {
  /** The filters the list's page takes from its URL. */
  filters: string[];
  read: (ctx: Ctx, input: Record<string, unknown>) => Promise<Page>;
  /** Column heading → the row's field. */
  columns: Record<string, string>;
};

/** Every admin list that can be downloaded as CSV, read page by page through its own list verb. */
export const exportsByList: Record<string, Export> = {
  services: {
    filters: ["status", "clientId"],
    read: (ctx, input) => listServices({ ctx, input: { ...input, limit: 100 } }),
    columns: { ID: "id", Name: "remoteName", Domain: "domain", Product: "productType", Tariff: "tariffName", "Client ID": "clientId", Client: "clientName", Status: "status", "In progress": "pending", Expires: "expiresAt", Created: "createdAt" },
  },
  operations: {
    filters: ["status", "kind", "module", "handlerId", "clientId", "from", "to"],
    read: (ctx, input) => listOperations({ ctx, input: { ...input, limit: 200 } }),
    columns: { ID: "id", Operation: "kind", Status: "status", Attempts: "attempts", "Last error": "lastError", "Service ID": "serviceId", Service: "serviceName", "Client ID": "clientId", Client: "clientName", "Processing module": "handlerName", Task: "taskId", Created: "createdAt", Finished: "finishedAt" },
  },
  clients: {
    filters: ["q"],
    read: (ctx, input) => listClients({ ctx, input: { ...input, limit: 200 } }),
    columns: { ID: "id", Name: "name", Email: "email", Company: "company", Currency: "currency", Balance: "balance", Suspended: "suspendedAt", Created: "createdAt" },
  },
  invoices: {
    filters: ["clientId", "status", "kind", "orderId"],
    read: (ctx, input) => listInvoices({ ctx, input: { ...input, limit: 100 } }),
    columns: { ID: "id", Number: "number", "Client ID": "clientId", Kind: "kind", Amount: "amount", Tax: "taxAmount", Currency: "currency", Status: "status", Description: "description", Created: "createdAt", Issued: "issuedAt", Due: "dueAt", Paid: "paidAt" },
  },
  payments: {
    filters: ["clientId"],
    read: (ctx, input) => listPayments({ ctx, input: { ...input, limit: 100 } }),
    columns: { ID: "id", "Client ID": "clientId", Client: "clientName", Method: "method", Amount: "amount", Currency: "currency", Reference: "reference", Received: "createdAt" },
  },
  "credit-notes": {
    filters: ["clientId", "invoiceId"],
    read: (ctx, input) => listCreditNotes({ ctx, input: { ...input, limit: 100 } }),
    columns: { ID: "id", Number: "number", Invoice: "invoiceNumber", "Invoice ID": "invoiceId", "Client ID": "clientId", Kind: "kind", Amount: "amount", Tax: "taxAmount", Currency: "currency", Reason: "reason", Issued: "issuedAt" },
  },
  audit: {
    filters: ["entity", "entityId"],
    read: (ctx, input) => listAudit({ ctx, input: { ...input, limit: 200 } }),
    columns: { ID: "id", When: "createdAt", Action: "action", Entity: "entity", "Entity ID": "entityId", "By user ID": "actorUserId", By: "actorEmail", "By API key": "actorApiKeyId", "For client": "onBehalfOfClientName", Before: "before", After: "after" },
  },
};
