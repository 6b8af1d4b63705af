import { describe, expect, it } from "vitest";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

/**
 * Migrations expand, then contract (docs/production.md, "Writing migrations"): a statement that
 * would break the previous release's code on the new schema is allowed only when it is listed here,
 * with the release that stopped using what it removes.
 */
const CONTRACTS: Record<string, string[]> = {
  // From before the rule: the release before it still read handlers.running (its upgrade broke paying).
  "0005_handler_slots": ['ALTER TABLE "handlers" DROP COLUMN "running"'],
};

const BREAKING = [
  /\bDROP\s+(COLUMN|TABLE)\b/i,
  /\bRENAME\b/i,
  /\bALTER\s+COLUMN\s+\S+\s+(SET\s+NOT\s+NULL|SET\s+DATA\s+TYPE|TYPE)\b/i,
  // A new NOT NULL column without a default makes the previous release's inserts fail.
  /\bADD\s+COLUMN\b(?![^;]*\bDEFAULT\b)[^;]*\bNOT\s+NULL\b/i,
];

function breakingStatements(sql: string): string[] {
  return sql
    .split("--> statement-breakpoint")
    .map((s) => s.trim().replace(/;$/, ""))
    .filter((s) => BREAKING.some((re) => re.test(s)));
}

describe("migrations only expand, unless a contract is listed", () => {
  const folder = join(import.meta.dirname, "../../drizzle");
  const files = readdirSync(folder).filter((f) => f.endsWith(".sql")).sort();

  it("no migration drops, renames, retypes or requires a column the previous release uses", () => {
    expect(files.length).toBeGreaterThan(0);
    const found = Object.fromEntries(
      files.map((f) => [f.replace(/\.sql$/, ""), breakingStatements(readFileSync(join(folder, f), "utf8"))]).filter(([, s]) => s.length > 0),
    );
    expect(found).toEqual(CONTRACTS);
  });

  it("recognises the statements that break the release before", () => {
    expect(breakingStatements('ALTER TABLE "a" ADD COLUMN "b" integer NOT NULL;--> statement-breakpoint\nALTER TABLE "a" ADD COLUMN "c" integer DEFAULT 0 NOT NULL;')).toEqual([
      'ALTER TABLE "a" ADD COLUMN "b" integer NOT NULL',
    ]);
    expect(breakingStatements('ALTER TABLE "a" RENAME COLUMN "b" TO "c";')).toHaveLength(1);
    expect(breakingStatements('ALTER TABLE "a" ALTER COLUMN "b" SET NOT NULL;')).toHaveLength(1);
    expect(breakingStatements('CREATE INDEX "x" ON "a" ("b");--> statement-breakpoint\nALTER TABLE "a" ADD COLUMN "d" text;')).toEqual([]);
  });
});
