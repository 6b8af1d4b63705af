import type { Db } from "@/lib/db";
import { createApiKey } from "@/lib/services/api-keys/create";
import { sys } from "./factories";

type Route = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
export type Call = { key?: string | null; body?: unknown; rawBody?: string; idempotencyKey?: string; params?: Record<string, string>; query?: string; headers?: Record<string, string> };
export type Answer = { status: number; json: { error?: { code: string; message: string; details: unknown } } & Record<string, unknown>; headers: Headers; text: string };

/** Calls an exported route handler in process, as Next.js would: a Request and a params Promise. */
export async function call(handler: Route, method: "GET" | "POST", path: string, opts: Call = {}): Promise<Answer> {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.key) headers.authorization = `Bearer ${opts.key}`;
  if (opts.idempotencyKey) headers["idempotency-key"] = opts.idempotencyKey;
  let body: string | undefined;
  if (method === "POST") {
    body = opts.rawBody ?? (opts.body === undefined ? "" : JSON.stringify(opts.body));
    headers["content-type"] = "application/json";
  }
  const url = `http://localhost/api/v1${path}${opts.query ? `?${opts.query}` : ""}`;
  const response = await handler(new Request(url, { method, headers, body }), { params: Promise.resolve(opts.params ?? {}) });
  const text = await response.text();
  let json: Answer["json"];
  try {
    json = JSON.parse(text) as Answer["json"];
  } catch {
    json = {};
  }
  return { status: response.status, json, headers: response.headers, text };
}

/** An API key made through the verb, as an admin would; returns the secret. */
export async function makeKey(db: Db, scopes: string[], clientId: number | null = null): Promise<string> {
  const { secret } = await createApiKey({ ctx: sys(db), input: { name: `test ${scopes.join(" ")}`, scopes, clientId } });
  return secret;
}
