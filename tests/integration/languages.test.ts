import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { auditLog, clients, emailOutbox, users } from "@/lib/db/schema";
import { deliverEmails, readMailbox, type OutgoingEmail } from "@/lib/email/deliver";
import { enqueueEmail } from "@/lib/email/enqueue";
import { AppError, ValidationError } from "@/lib/errors";
import { setLanguage } from "@/lib/services/profile/set-language";
import { signUp } from "@/lib/services/users/sign-up";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { createClient, createUser } from "../helpers/factories";

describe("languages: who reads which", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => database.close());

  it("a client signed up from a Russian browser is Russian, and its verification email is too", async () => {
    const anonymous = { db: database.db, actor: { type: "anonymous" } } as const;
    const result = (await signUp({ ctx: anonymous, input: { name: "Анна", email: "anna@example.test", password: "correct horse battery", locale: "ru" } }))!;
    const [client] = await database.db.select().from(clients).where(eq(clients.id, result.clientId));
    expect(client!.locale).toBe("ru");
    const [mail] = await database.db.select().from(emailOutbox).where(eq(emailOutbox.clientId, result.clientId));
    expect(mail).toMatchObject({ locale: "ru", subject: "Подтвердите адрес электронной почты" });
    const sent: OutgoingEmail[] = [];
    await deliverEmails(database.db, { transport: { name: "local", send: async (email) => (sent.push(email), { providerId: null }) } });
    const mine = sent.find((s) => s.to === "anna@example.test")!;
    expect(mine.subject).toBe("Подтвердите адрес электронной почты");
    expect(mine.text).toContain("Здравствуйте, Анна!");
  });

  it("a sign-up without a language stays in the default, English", async () => {
    const anonymous = { db: database.db, actor: { type: "anonymous" } } as const;
    const result = (await signUp({ ctx: anonymous, input: { name: "Bob", email: "bob@example.test", password: "correct horse battery" } }))!;
    const [client] = await database.db.select().from(clients).where(eq(clients.id, result.clientId));
    expect(client!.locale).toBeNull();
    const [mail] = await database.db.select().from(emailOutbox).where(eq(emailOutbox.clientId, result.clientId));
    expect(mail).toMatchObject({ locale: null, subject: "Confirm your email address" });
  });

  it("a client changes its language: later emails follow it, with one audit row", async () => {
    const { id: clientId } = await createClient(database.db);
    const { actor } = await createUser(database.db, "client", { clientId });
    const ctx = { db: database.db, actor };
    await setLanguage({ ctx, input: { locale: "ru" } });
    const [client] = await database.db.select().from(clients).where(eq(clients.id, clientId));
    expect(client!.locale).toBe("ru");
    await enqueueEmail(database.db, { dedupeKey: `lang:${clientId}`, to: client!.email, clientId, template: "welcome-other", props: { serviceId: 5, tariffName: "Dedicated", details: [] } });
    const [mail] = await readMailbox(database.db, { clientId });
    expect(mail!.subject).toBe("Ваша услуга готова: Dedicated");
    expect(mail!.text).toContain("Наши сотрудники свяжутся с вами");
    const rows = await database.db.select().from(auditLog).where(eq(auditLog.action, "client.set_language"));
    expect(rows.map((r) => r.after)).toContainEqual({ locale: "ru" });
  });

  it("staff keep their own language; nobody else's changes; unknown languages and visitors are refused", async () => {
    const { user: staff, actor } = await createUser(database.db, "staff");
    const ctx = { db: database.db, actor };
    await setLanguage({ ctx, input: { locale: "ru" } });
    const [row] = await database.db.select().from(users).where(eq(users.id, staff.id));
    expect(row!.locale).toBe("ru");
    await expect(setLanguage({ ctx, input: { locale: "de" } })).rejects.toBeInstanceOf(ValidationError);
    await expect(setLanguage({ ctx: { db: database.db, actor: { type: "anonymous" } }, input: { locale: "ru" } })).rejects.toBeInstanceOf(AppError);
    // An email to a staff member with no client is in that member's language.
    await enqueueEmail(database.db, { dedupeKey: `lang:staff:${staff.id}`, to: row!.email, template: "sign-in-unlock", props: { name: row!.name, minutes: 5, url: "https://x.test/u" } });
    const [mail] = await database.db.select().from(emailOutbox).where(eq(emailOutbox.dedupeKey, `lang:staff:${staff.id}`));
    expect(mail).toMatchObject({ locale: "ru", subject: "Вход в вашу учётную запись заблокирован" });
  });
});
