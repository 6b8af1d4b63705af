import { useTranslations } from "next-intl";

type Schema = Record<string, unknown>;
type SchemaWords = ReturnType<typeof useTranslations<"developers.schema">>;

/** A short type label of a JSON Schema: "integer ≥ 1", "string (email)", "array of object", "active | suspended", in the reader's words. */
export function typeLabel(schema: Schema, t: SchemaWords): string {
  if (Array.isArray(schema.enum)) return schema.enum.map(String).join(" | ");
  if ("const" in schema) return JSON.stringify(schema.const);
  const union = (schema.anyOf ?? schema.oneOf) as Schema[] | undefined;
  if (union) return union.map((s) => typeLabel(s, t)).join(` ${t("or")} `);
  const type = Array.isArray(schema.type) ? schema.type.join(" | ") : String(schema.type ?? "any");
  if (type === "array") return t("arrayOf", { type: typeLabel((schema.items as Schema) ?? {}, t) });
  const limits = [
    schema.format ? `(${String(schema.format)})` : "",
    schema.minimum !== undefined ? `≥ ${String(schema.minimum)}` : schema.exclusiveMinimum !== undefined ? `> ${String(schema.exclusiveMinimum)}` : "",
    schema.maximum !== undefined && Number(schema.maximum) < 2 ** 31 ? `≤ ${String(schema.maximum)}` : "",
    schema.maxLength !== undefined ? t("maxChars", { n: Number(schema.maxLength) }) : "",
    schema.maxItems !== undefined ? t("maxItems", { n: Number(schema.maxItems) }) : "",
  ];
  return [type, ...limits].filter(Boolean).join(" ");
}

function objectOf(schema: Schema): Schema | undefined {
  if (schema.type === "object" && schema.properties) return schema;
  if (schema.type === "array") return objectOf((schema.items as Schema) ?? {});
  return undefined;
}

/** The properties of an object schema as a nested list, for people. */
export function SchemaView({ schema, depth = 0 }: { schema: Schema; depth?: number }) {
  const t = useTranslations("developers.schema");
  const object = objectOf(schema);
  if (!object) return <p className="text-sm text-slate-600">{typeLabel(schema, t)}</p>;
  const properties = object.properties as Record<string, Schema>;
  const required = new Set((object.required as string[] | undefined) ?? []);
  if (Object.keys(properties).length === 0) return <p className="text-sm text-slate-600">{t("empty")}</p>;
  return (
    <ul className={`flex flex-col gap-1 text-sm ${depth > 0 ? "mt-1 border-l border-slate-200 pl-4" : ""}`}>
      {Object.entries(properties).map(([name, property]) => (
        <li key={name}>
          <code className="font-semibold text-slate-900">{name}</code>
          {required.has(name) ? <span className="ml-1 text-xs text-red-700">{t("required")}</span> : null}
          <span className="ml-2 text-slate-600">{typeLabel(property, t)}</span>
          {property.default !== undefined ? <span className="ml-2 text-xs text-slate-500">{t("default", { value: JSON.stringify(property.default) })}</span> : null}
          {property.description ? <p className="text-slate-500">{String(property.description)}</p> : null}
          {depth < 4 && objectOf(property) ? <SchemaView schema={property} depth={depth + 1} /> : null}
        </li>
      ))}
    </ul>
  );
}
