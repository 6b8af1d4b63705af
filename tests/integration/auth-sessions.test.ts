import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { eq } from "drizzle-orm";
import { sessions } from "@/lib/db/schema";
import { AuthBrowser } from "../helpers/auth-http";
import { releaseAppDatabase, useAppDatabase } from "../helpers/app-database";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { createUser } from "../helpers/factories";

describe("sessions through the Auth.js routes", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
    useAppDatabase(database);
  });
  afterAll(async () => {
    releaseAppDatabase();
    await database?.close();
  });

  it("signs in with a session row, and sign-out ends the token for good", async () => {
    const { user } = await createUser(database.db, "client", { password: "password-123456" });
    const browser = new AuthBrowser();
    expect((await browser.signIn(user.email, "password-123456")).ok).toBe(true);
    expect(await browser.session()).toMatchObject({ user: { id: String(user.id), role: "client" } });
    const [row] = await database.db.select().from(sessions).where(eq(sessions.userId, user.id));
    expect(row).toMatchObject({ revokedAt: null });
    const stolen = browser.clone();
    await browser.signOut();
    expect(await browser.session()).toBeNull();
    // The token copied before sign-out no longer opens anything.
    expect(await stolen.session()).toBeNull();
    const [after] = await database.db.select().from(sessions).where(eq(sessions.id, row!.id));
    expect(after!.revokedAt).toBeInstanceOf(Date);
  });

  it("answers a wrong password with a refusal and no stack trace in the logs", async () => {
    const { user } = await createUser(database.db, "staff");
    const errors = vi.spyOn(console, "error");
    const browser = new AuthBrowser("198.51.100.20");
    const r = await browser.signIn(user.email, "not the password");
    expect(r).toMatchObject({ ok: false, location: expect.stringContaining("error=CredentialsSignin") });
    expect(await browser.session()).toBeNull();
    const logged = errors.mock.calls.map((c) => c.map((a) => (a instanceof Error ? a.stack : String(a))).join(" ")).join("\n");
    expect(logged).not.toMatch(/\n\s+at /);
    errors.mockRestore();
  });

  it("locks an account after repeated failures through the Auth.js callback, even for the right password", async () => {
    const { user } = await createUser(database.db, "client", { password: "password-123456" });
    const browser = new AuthBrowser("198.51.100.30");
    // The waits grow from the 4th try (1 s, 2 s, 4 s, …): within a few more tries one is refused unchecked.
    let location = "";
    for (let i = 0; i < 10 && !/code=(wait|locked)-/.test(location); i++) location = (await browser.signIn(user.email, `wrong ${i}`)).location;
    expect(location).toMatch(/code=(wait|locked)-\d+/);
    const refused = await browser.signIn(user.email, "password-123456");
    expect(refused).toMatchObject({ ok: false, location: expect.stringMatching(/code=(wait|locked)-\d+/) });
    expect(await browser.session()).toBeNull();
  });
});
