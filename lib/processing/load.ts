import { eq, inArray } from "drizzle-orm";
import type { Conn } from "../db";
import { clients, handlers, operations, services, tariffs } from "../db/schema";
import { decryptJson } from "../crypto";
import { remembered } from "../remembered";
import type { ServiceInfo } from "../modules/contract";
import type { CompletingService } from "./complete";
import type { TakenHandler } from "./select-handler";

/** An operation as the engine runs it; `slot` when the claim already took a running slot for it. */
export type LoadedOperation = NonNullable<Awaited<ReturnType<typeof loadOperation>>> & { slot?: TakenHandler };

/** Operations with their service, tariff and client, as the engine needs them, in one query. */
export async function loadOperations(conn: Conn, operationIds: number[]) {
  if (operationIds.length === 0) return [];
  return conn
    .select({ operation: operations, service: services, tariff: tariffs, client: clients })
    .from(operations)
    .innerJoin(services, eq(services.id, operations.serviceId))
    .innerJoin(tariffs, eq(tariffs.id, services.tariffId))
    .innerJoin(clients, eq(clients.id, services.clientId))
    .where(inArray(operations.id, operationIds));
}

export async function loadOperation(conn: Conn, operationId: number) {
  const [row] = await loadOperations(conn, [operationId]);
  return row;
}

/** The service as a module sees it; the template is the one of the handler it runs on, else the tariff's. */
export function serviceInfo(loaded: LoadedOperation, handler?: Pick<TakenHandler, "template">): ServiceInfo {
  const { service, tariff, client } = loaded;
  return {
    id: service.id,
    productType: service.productType,
    remoteName: service.remoteName,
    remoteId: service.remoteId,
    template: (handler?.template ?? tariff.template) || null,
    resources: service.resources,
    params: service.params,
    months: service.months,
    details: service.details,
    secrets: decryptJson(service.secrets),
    expiresAt: service.expiresAt,
    createdAt: service.createdAt,
    client: { id: client.id, name: client.name, email: client.email, phone: client.phone, country: client.country, city: client.city, address: client.address },
  };
}

/**
 * Handlers' decrypted secret fields by their encrypted text: every operation on a panel carries the
 * same text, and a new one (secrets changed, or the key) is decrypted afresh.
 */
const handlerSecrets = remembered(64, (token) => Object.freeze(decryptJson<Record<string, unknown>>(token)));

/** A handler's full connection: plain fields and decrypted secret fields together. */
export function handlerConnection(handler: Pick<typeof handlers.$inferSelect, "connection" | "secrets">): Record<string, unknown> {
  return { ...handler.connection, ...(handler.secrets ? handlerSecrets(handler.secrets) : {}) };
}

/** The service as completeOperation needs it. */
export function completingService(loaded: LoadedOperation, secrets: Record<string, string>): CompletingService {
  const { service, tariff, client } = loaded;
  return {
    id: service.id, clientId: service.clientId, productType: service.productType, status: service.status,
    details: service.details, secrets, params: service.params, months: service.months, expiresAt: service.expiresAt,
    tariffId: service.tariffId, tariffName: tariff.name, clientEmail: client.email,
  };
}
