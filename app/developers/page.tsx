import type { ReactNode } from "react";
import { useTranslations } from "next-intl";
import { getTranslations } from "next-intl/server";
import { openApiDocument } from "@/lib/api/openapi";
import { webhookEvents } from "@/lib/vocabulary";
import { Card, PageHeading } from "@/components/ui/card";
import { SchemaView, typeLabel } from "./schema-view";

export async function generateMetadata() {
  return { title: (await getTranslations("developers"))("meta") };
}

type Schema = Record<string, unknown>;
type Parameter = { name: string; in: string; required?: boolean; description?: string; schema?: Schema; $ref?: string };
type Operation = {
  operationId: string; summary: string; description: string; tags: string[];
  parameters: Parameter[]; requestBody?: { content: Record<string, { schema: { $ref: string } }> };
  responses: Record<string, { description?: string; $ref?: string }>;
};

const verifyCode = `const [t, v1] = header.split(",").map((p) => p.split("=")[1]);
const expected = createHmac("sha256", secret).update(\`\${t}.\${rawBody}\`).digest("hex");
const ok = Math.abs(Date.now() / 1000 - Number(t)) < 300 && timingSafeEqual(Buffer.from(v1), Buffer.from(expected));`;

const code = (chunks: ReactNode) => <code>{chunks}</code>;

const methodColors: Record<string, string> = { get: "bg-sky-100 text-sky-800", post: "bg-emerald-100 text-emerald-800" };

/** The API reference for people, rendered on the server from the same OpenAPI document the API serves. */
export default function DevelopersPage() {
  const t = useTranslations("developers");
  const ts = useTranslations("developers.schema");
  const doc = openApiDocument() as {
    paths: Record<string, Record<string, Operation>>;
    tags: { name: string }[];
    components: { schemas: Record<string, Schema>; responses: Record<string, { description: string }> };
  };
  const resolve = (ref: string) => ref.split("/").pop()!;
  const operations = Object.entries(doc.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ path, method, op })));
  return (
    <div className="flex flex-col gap-6">
      <PageHeading title={t("title")} description={t("description")} />
      <Card title={t("basics")}>
        <ul className="list-disc space-y-1 pl-5 text-sm text-slate-700">
          <li>{t.rich("base", { code, link: (chunks) => <a className="text-indigo-700 underline" href="/api/v1/openapi.json">{chunks}</a> })}</li>
          <li>{t.rich("auth", { code })}</li>
          <li>{t.rich("idempotency", { code })}</li>
          <li>{t.rich("errors", { code, shape: '{ "error": { "code", "message", "details" } }' })}</li>
          <li>{t.rich("signature", { code, header: 'x-provisio-signature: t=<unix>,v1=<hex HMAC-SHA256 of "t.body">' })}</li>
        </ul>
      </Card>
      <Card title={t("webhooks")}>
        <p className="text-sm text-slate-700">{t.rich("webhooksText", { code, shape: "{ id, event, data, createdAt }" })}</p>
        <p className="mt-2 text-sm text-slate-700">{t("events")} {webhookEvents.map((e) => <code key={e} className="mr-2">{e}</code>)}</p>
        <pre className="mt-2 overflow-x-auto rounded bg-slate-900 p-3 text-xs text-slate-100">{`// ${t("verifyComment")}\n${verifyCode}`}</pre>
      </Card>
      <nav aria-label={t("endpoints")} className="text-sm">
        <ul className="flex flex-wrap gap-x-4 gap-y-1">
          {operations.map(({ op, method, path }) => (
            <li key={op.operationId}>
              <a className="text-indigo-700 hover:underline" href={`#${op.operationId}`}>
                {method.toUpperCase()} {path}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {doc.tags.map(({ name }) => (
        <section key={name} aria-labelledby={`tag-${name}`} className="flex flex-col gap-4">
          <h2 id={`tag-${name}`} className="text-xl font-semibold text-slate-900">{name}</h2>
          {operations.filter(({ op }) => op.tags.includes(name)).map(({ path, method, op }) => {
            const params = op.parameters.filter((p) => !p.$ref);
            const bodyRef = op.requestBody?.content["application/json"]?.schema.$ref;
            return (
              <Card key={op.operationId}>
                <h3 id={op.operationId} className="flex flex-wrap items-center gap-2 font-mono text-sm">
                  <span className={`rounded px-2 py-0.5 font-semibold uppercase ${methodColors[method] ?? ""}`}>{method}</span>
                  <span className="text-slate-900">/api/v1{path}</span>
                </h3>
                <p className="mt-2 font-medium text-slate-900">{op.summary}</p>
                <p className="mt-1 whitespace-pre-line text-sm text-slate-600">{op.description.replaceAll("`", "")}</p>
                {params.length > 0 && (
                  <table className="mt-3 w-full text-left text-sm">
                    <caption className="sr-only">{t("parameters")}</caption>
                    <thead className="text-xs uppercase text-slate-500">
                      <tr><th className="py-1">{t("parameter")}</th><th>{t("in")}</th><th>{t("type")}</th><th>{t("notes")}</th></tr>
                    </thead>
                    <tbody>
                      {params.map((p) => (
                        <tr key={`${p.in}-${p.name}`} className="border-t border-slate-100">
                          <td className="py-1 font-mono">{p.name}{p.required ? " *" : ""}</td>
                          <td>{p.in}</td>
                          <td>{typeLabel(p.schema ?? {}, ts)}</td>
                          <td className="text-slate-500">{p.description ?? ""}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                )}
                {bodyRef && (
                  <div className="mt-3">
                    <h4 className="text-sm font-semibold text-slate-800">{t("body", { name: resolve(bodyRef) })}</h4>
                    <SchemaView schema={doc.components.schemas[resolve(bodyRef)] ?? {}} />
                  </div>
                )}
                <h4 className="mt-3 text-sm font-semibold text-slate-800">{t("responses")}</h4>
                <ul className="text-sm text-slate-600">
                  {Object.entries(op.responses).map(([status, r]) => (
                    <li key={status}>
                      <span className="font-mono">{status}</span> {(r.description ?? doc.components.responses[resolve(r.$ref ?? "")]?.description ?? "").replaceAll("`", "")}
                    </li>
                  ))}
                </ul>
              </Card>
            );
          })}
        </section>
      ))}
    </div>
  );
}
