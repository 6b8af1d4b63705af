import { describe, expect, it } from "vitest";
import { z } from "zod";
import { parseInput } from "@/lib/services/context";
import { ValidationError } from "@/lib/errors";

const fieldsOf = (schema: z.ZodType, input: unknown) => {
  try {
    parseInput(schema, input);
  } catch (e) {
    return (e as ValidationError).fields;
  }
  return {};
};

describe("plain validation messages", () => {
  it("replaces zod's default texts with plain words", () => {
    const schema = z.object({
      name: z.string().trim().min(2).max(5),
      kind: z.enum(["domain", "hosting"]),
      email: z.email(),
      count: z.number().int().min(1),
      tags: z.array(z.string()).min(1),
    });
    expect(fieldsOf(schema, { name: "a", kind: "boat", email: "nope", count: 0, tags: [] })).toEqual({
      name: ["Enter at least 2 characters"],
      kind: ["Choose one of: domain, hosting"],
      email: ["Enter an email address, like name@example.com"],
      count: ["Enter a number of at least 1"],
      tags: ["Choose at least one"],
    });
    expect(fieldsOf(schema, { name: "far too long", kind: "", email: "a@b.co", count: "x", tags: ["a"] })).toEqual({
      name: ["Use at most 5 characters"],
      kind: ["Choose one"],
      count: ["Enter a number"],
    });
    expect(fieldsOf(z.object({ name: z.string() }), {})).toEqual({ name: ["This field is required"] });
  });

  it("keeps a schema's own message", () => {
    expect(fieldsOf(z.object({ name: z.string().min(2, "Give the tariff a name") }), { name: "" })).toEqual({ name: ["Give the tariff a name"] });
  });
});
