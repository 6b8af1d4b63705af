import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { auditLog, users } from "@/lib/db/schema";
import { AppError, ValidationError } from "@/lib/errors";
import { authenticate } from "@/lib/services/users/authenticate";
import { createFirstAdmin, needsFirstAdmin } from "@/lib/services/users/create-first-admin";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { createUser } from "../helpers/factories";

describe("the first admin", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => database.close());
  const anonymous = () => ({ db: database.db, actor: { type: "anonymous" } as const });

  it("refuses bad input with field errors and creates nothing", async () => {
    const error = await createFirstAdmin({ ctx: anonymous(), input: { name: "A", email: "not-an-email", password: "short" } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(Object.keys((error as ValidationError).fields).sort()).toEqual(["email", "name", "password"]);
    expect(await needsFirstAdmin(anonymous())).toBe(true);
  });

  it("two first-run forms sent at once: exactly one admin is created, the other is refused", async () => {
    const tries = await Promise.allSettled(
      ["first@example.test", "second@example.test"].map((email) =>
        createFirstAdmin({ ctx: anonymous(), input: { name: "First Admin", email, password: "a-long-password-1" } }),
      ),
    );
    expect(tries.filter((t) => t.status === "fulfilled")).toHaveLength(1);
    const refused = tries.find((t) => t.status === "rejected") as PromiseRejectedResult;
    expect(refused.reason).toBeInstanceOf(AppError);
    expect((refused.reason as AppError).code).toBe("conflict");
    const admins = await database.db.select().from(users).where(eq(users.role, "admin"));
    expect(admins).toHaveLength(1);
    expect(await needsFirstAdmin(anonymous())).toBe(false);
    expect(await authenticate({ ctx: anonymous(), input: { email: admins[0]!.email, password: "a-long-password-1" } })).toMatchObject({ role: "admin" });
    const [audit] = await database.db.select().from(auditLog).where(eq(auditLog.action, "user.create_first_admin"));
    expect(audit).toMatchObject({ entity: "user", entityId: String(admins[0]!.id) });
  });

  it("is closed once an admin exists, for the screen and for signed-in users alike", async () => {
    await expect(
      createFirstAdmin({ ctx: anonymous(), input: { name: "Late Admin", email: "late@example.test", password: "a-long-password-2" } }),
    ).rejects.toThrow(/An admin exists already/);
    const { actor } = await createUser(database.db, "client");
    await expect(
      createFirstAdmin({ ctx: { db: database.db, actor }, input: { name: "Client Admin", email: "c@example.test", password: "a-long-password-3" } }),
    ).rejects.toThrow(/Only a first run/);
    expect(await database.db.select().from(users).where(eq(users.role, "admin"))).toHaveLength(1);
  });
});
