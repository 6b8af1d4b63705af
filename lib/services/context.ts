import type { z } from "zod";
import type { Conn, Db } from "../db";
import type { Role } from "../vocabulary";
import { systemClock, type Clock } from "../clock";
import { AppError, forbidden, ValidationError } from "../errors";
import "./plain-messages";
import { NUL_MESSAGE } from "./page";

/**
 * Who is acting: a signed-in user, an API key, or the system itself (runner, jobs, seed). While an
 * admin is signed in as a client for support, the actor is the client's user with `supportAdminId`
 * naming the admin, and the audit log names the admin.
 */
export type Actor =
  | { type: "user"; userId: number; role: Role; clientId: number | null; supportAdminId?: number }
  | { type: "api_key"; apiKeyId: number; scopes: string[]; clientId: number | null }
  | { type: "system" }
  | { type: "anonymous" };

export type Ctx = { db: Db; actor: Actor; clock?: Clock };

export const now = (ctx: { clock?: Clock }) => (ctx.clock ?? systemClock).now();

/** Paths of the strings in a parsed input that hold a NUL character (PostgreSQL text cannot). */
function nulPaths(value: unknown, path: string[] = []): string[] {
  if (typeof value === "string") return value.includes("\0") ? [path.join(".") || "_"] : [];
  if (Array.isArray(value)) return value.flatMap((v, i) => nulPaths(v, [...path, String(i)]));
  if (value && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.entries(value).flatMap(([k, v]) => nulPaths(v, [...path, k]));
  }
  return [];
}

/**
 * Parses a verb's input with its zod schema; field errors become a ValidationError. A string with
 * a NUL character is refused for every verb, whatever its schema says.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) {
    const bad = nulPaths(result.data);
    if (bad.length === 0) return result.data;
    throw new ValidationError(Object.fromEntries(bad.map((key) => [key, [NUL_MESSAGE]])));
  }
  const fields: Record<string, string[]> = {};
  for (const issue of result.error.issues) {
    const key = issue.path.join(".") || "_";
    (fields[key] ??= []).push(issue.message);
  }
  throw new ValidationError(fields);
}

/** Admin users, the system, and provider-wide API keys with the `admin` scope (a bound key never is). */
export function isAdmin(actor: Actor): boolean {
  return actor.type === "system" || (actor.type === "user" && actor.role === "admin") ||
    (actor.type === "api_key" && actor.clientId === null && actor.scopes.includes("admin"));
}

/** Staff users and admins. An API key is staff-level only as an admin key ("Staff-level (admin) keys only"). */
export function isStaff(actor: Actor): boolean {
  return isAdmin(actor) || (actor.type === "user" && actor.role === "staff");
}

/** Who may act for any client they name: staff, and provider-wide (unbound) API keys within their scopes. */
export function actsForAnyClient(actor: Actor): boolean {
  return isStaff(actor) || (actor.type === "api_key" && actor.clientId === null);
}

export function requireAdmin(actor: Actor): void {
  if (actor.type === "anonymous") throw new AppError("unauthorized", "Sign in first");
  if (!isAdmin(actor)) throw forbidden("Only admins can do this");
}

export function requireStaff(actor: Actor): void {
  if (actor.type === "anonymous") throw new AppError("unauthorized", "Sign in first");
  if (!isStaff(actor)) throw forbidden("Only staff can do this");
}

/** The client an actor acts for: a client user, a client-bound API key, or (for staff) the given id. */
export function requireClientAccess(actor: Actor, clientId: number): void {
  if (actor.type === "anonymous") throw new AppError("unauthorized", "Sign in first");
  if (actsForAnyClient(actor)) return;
  const own = actor.type === "user" || actor.type === "api_key" ? actor.clientId : null;
  if (own !== clientId) throw new AppError("not_found", "Not found");
}

export function actorUserId(actor: Actor): number | null {
  return actor.type === "user" ? actor.userId : null;
}

export type { Conn };
