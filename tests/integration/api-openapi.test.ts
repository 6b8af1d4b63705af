import { describe, expect, it } from "vitest";
import { renderIn } from "../helpers/render";
import { readdirSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { createElement } from "react";
import { openApiDocument } from "@/lib/api/openapi";
import * as openApiRoute from "@/app/api/v1/openapi.json/route";
import DevelopersPage from "@/app/developers/page";

type Json = Record<string, unknown>;
const doc = openApiDocument() as Json & { paths: Record<string, Record<string, Json>>; components: Json };
const apiDir = join(process.cwd(), "app", "api", "v1");
const jsonTypes = new Set(["string", "number", "integer", "boolean", "object", "array", "null"]);
const schemaKeywords = ["properties", "patternProperties", "$defs"] as const;
const subSchemaKeywords = ["items", "additionalProperties", "not", "propertyNames", "contains", "if", "then", "else"] as const;
const listKeywords = ["anyOf", "oneOf", "allOf", "prefixItems"] as const;

/** Problems of a JSON Schema (draft 2020-12) at a place in the document; empty when sound. */
function schemaProblems(schema: unknown, at: string): string[] {
  if (typeof schema === "boolean") return [];
  if (!schema || typeof schema !== "object" || Array.isArray(schema)) return [`${at}: not a schema object`];
  const s = schema as Json;
  const problems: string[] = [];
  for (const t of [s.type].flat().filter((t) => t !== undefined)) if (!jsonTypes.has(t as string)) problems.push(`${at}: type ${String(t)}`);
  if (s.required !== undefined && !(Array.isArray(s.required) && s.required.every((r) => typeof r === "string"))) problems.push(`${at}: required`);
  if (s.enum !== undefined && !Array.isArray(s.enum)) problems.push(`${at}: enum`);
  for (const k of schemaKeywords) for (const [name, sub] of Object.entries((s[k] as Json) ?? {})) problems.push(...schemaProblems(sub, `${at}.${k}.${name}`));
  for (const k of subSchemaKeywords) if (s[k] !== undefined) problems.push(...schemaProblems(s[k], `${at}.${k}`));
  for (const k of listKeywords) if (s[k] !== undefined) (s[k] as unknown[]).forEach((sub, i) => problems.push(...schemaProblems(sub, `${at}.${k}[${i}]`)));
  return problems;
}

function refs(value: unknown, found: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((v) => refs(v, found));
  else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      if (k === "$ref") found.push(v as string);
      else refs(v, found);
    }
  }
  return found;
}

function resolve(ref: string): unknown {
  if (!ref.startsWith("#/")) return undefined;
  return ref.slice(2).split("/").reduce<unknown>((node, part) => (node as Json | undefined)?.[part.replace(/~1/g, "/").replace(/~0/g, "~")], doc);
}

function routeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? routeFiles(join(dir, e.name)) : e.name === "route.ts" ? [join(dir, e.name)] : []));
}

describe("OpenAPI document", () => {
  it("is a structurally valid OpenAPI 3.1 document", () => {
    expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
    expect(doc.info).toMatchObject({ title: expect.any(String), version: expect.any(String) });
    const ids = new Set<string>();
    for (const [path, item] of Object.entries(doc.paths)) {
      expect(path.startsWith("/")).toBe(true);
      for (const [method, op] of Object.entries(item)) {
        expect(["get", "post", "put", "patch", "delete"]).toContain(method);
        expect(ids.has(op.operationId as string)).toBe(false);
        ids.add(op.operationId as string);
        const responses = Object.entries(op.responses as Json);
        expect(responses.length).toBeGreaterThan(0);
        for (const [status, response] of responses) {
          expect(status).toMatch(/^[1-5]\d\d$/);
          const r = response as Json;
          expect(typeof r.description === "string" || typeof r.$ref === "string").toBe(true);
        }
        const params = (op.parameters as Json[]).map((p) => (p.$ref ? (resolve(p.$ref as string) as Json) : p));
        const inPath = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
        expect(params.filter((p) => p.in === "path").map((p) => p.name)).toEqual(inPath);
        for (const p of params) {
          expect(["path", "query", "header", "cookie"]).toContain(p.in);
          if (p.in === "path") expect(p.required).toBe(true);
          expect(schemaProblems(p.schema, `${method} ${path} ${String(p.name)}`)).toEqual([]);
        }
      }
    }
    const all = refs(doc);
    expect(all.length).toBeGreaterThan(20);
    expect(all.filter((r) => resolve(r) === undefined)).toEqual([]);
    for (const [name, schema] of Object.entries(doc.components.schemas as Json)) expect(schemaProblems(schema, name)).toEqual([]);
    expect(schemaProblems({ type: "thing" }, "probe")).toHaveLength(1);
  });

  it("lists exactly the routes under app/api/v1, with the methods they export", async () => {
    const fromFiles: string[] = [];
    for (const file of routeFiles(apiDir)) {
      const path = `/${relative(apiDir, file).split(sep).slice(0, -1).join("/")}`.replace(/\[(\w+)\]/g, "{$1}");
      const mod = (await import(file)) as Json;
      for (const method of ["GET", "POST", "PUT", "PATCH", "DELETE"]) if (typeof mod[method] === "function") fromFiles.push(`${method} ${path}`);
    }
    const documented = Object.entries(doc.paths).flatMap(([path, item]) => Object.keys(item).map((m) => `${m.toUpperCase()} ${path}`));
    expect(fromFiles.length).toBeGreaterThan(15);
    expect(documented.sort()).toEqual(fromFiles.sort());
  });

  it("shows request bodies from the verbs' own schemas", () => {
    const order = (doc.components.schemas as Record<string, Json>).CreateOrderBody!;
    expect(order).toMatchObject({ type: "object", required: ["items"] });
    expect(((order.properties as Json).items as Json).minItems).toBe(1);
    expect((order.properties as Json).coupon).toMatchObject({ type: "string", maxLength: 64 });
    const credit = (doc.components.schemas as Record<string, Json>).CreditBalanceBody!;
    expect(Object.keys(credit.properties as Json).sort()).toEqual(["amount", "note"]);
  });

  it("is served at /api/v1/openapi.json and rendered for people at /developers", async () => {
    const response = openApiRoute.GET();
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual(JSON.parse(JSON.stringify(doc)));
    const html = renderIn("en", createElement(DevelopersPage));
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const method of Object.keys(item)) expect(html).toContain(`${method.toUpperCase()} ${path}`);
    }
    expect(html).toContain("Idempotency-Key");
    expect(html).not.toMatch(/<script[^>]+src="https?:/);
  });
});
