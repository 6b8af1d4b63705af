import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, inArray } from "drizzle-orm";
import { auditLog, chatOutbox, departments, emailOutbox } from "@/lib/db/schema";
import { readMailbox } from "@/lib/email/deliver";
import { renderEmail } from "@/lib/email/render";
import { templates } from "@/lib/email/templates";
import { deliverChat } from "@/lib/notifications/deliver-chat";
import { sendTaskDigests } from "@/lib/notifications/send-digests";
import { listDepartments } from "@/lib/services/departments/list";
import { updateDepartment } from "@/lib/services/departments/update";
import { reassignTask } from "@/lib/services/tasks/reassign";
import { runUpdateDepartment } from "@/app/admin/departments/run";
import { boardWorld, type BoardWorld } from "./board-setup";

type Posted = { url: string; body: Record<string, unknown> };

describe("staff are told about new, escalated and reassigned tasks", () => {
  let w: BoardWorld;
  let chat: Server;
  let chatUrl: string;
  let answer = 200;
  const posted: Posted[] = [];

  beforeAll(async () => {
    w = await boardWorld();
    chat = createServer((req, res) => {
      let raw = "";
      req.on("data", (c: Buffer) => (raw += c.toString()));
      req.on("end", () => {
        posted.push({ url: req.url ?? "", body: JSON.parse(raw) as Record<string, unknown> });
        res.writeHead(answer, { "content-type": "application/json" }).end(answer === 200 ? '{"ok":true}' : '{"ok":false}');
      });
    });
    await new Promise<void>((resolve) => chat.listen(0, "127.0.0.1", resolve));
    chatUrl = `http://127.0.0.1:${(chat.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => chat.close(resolve));
    await w.close();
  });

  const setDepartment = (id: number, name: string, input: Record<string, unknown>) => updateDepartment({ ctx: w.ctx(w.admin), input: { departmentId: id, name, ...input } });
  const staffMail = async (to: string) => (await readMailbox(w.db, { to })).filter((m) => m.template === "task-notice" || m.template === "task-digest");
  const chatRows = (departmentId: number) => w.db.select().from(chatOutbox).where(eq(chatOutbox.departmentId, departmentId));

  it("each event: a new task emails the department (no client, no service) and posts {text} to its Slack webhook", async () => {
    await setDepartment(w.hosting.id, "Hosting support", { email: "hosting@staff.example.test", notify: "each", chatUrl: `${chatUrl}/slack/T000/B000/xyz` });
    const { task, service } = await w.taskFor("hosting");
    const [mail, ...more] = await staffMail("hosting@staff.example.test");
    expect(more).toHaveLength(0);
    expect(mail).toMatchObject({ clientId: null, serviceId: null, subject: expect.stringContaining(`New task #${task.id}: Set up service #${service.id} (`) });
    expect(mail!.text).toContain("Manual setup: staff do this by hand");
    expect(mail!.text).toContain(`/board/tasks/${task.id}`);
    expect(await readMailbox(w.db, { to: w.buyer.email })).not.toContainEqual(expect.objectContaining({ template: "task-notice" }));

    posted.length = 0;
    expect(await deliverChat(w.db)).toEqual({ sent: 1, failed: 0, retried: 0 });
    expect(posted).toEqual([{ url: "/slack/T000/B000/xyz", body: { text: expect.stringContaining(`New task #${task.id}: Set up service #${service.id}`) } }]);
  });

  it("an escalated task says it failed; a Telegram webhook gets chat_id and text; the stored URL is encrypted and never listed", async () => {
    await setDepartment(w.hosting.id, "Hosting support", { chatUrl: `${chatUrl}/bot123:ABC/sendMessage`, chatId: "-1001234567890" });
    const [row] = await w.db.select().from(departments).where(eq(departments.id, w.hosting.id));
    expect(row!.chatUrl).not.toContain("bot123");
    const listed = (await listDepartments({ ctx: w.ctx(w.admin) })).departments.find((d) => d.id === w.hosting.id);
    expect(listed).toMatchObject({ hasChat: true, chatId: "-1001234567890" });
    expect(JSON.stringify(listed)).not.toContain("bot123");

    w.sim.setFaults({ http500: true });
    const { task } = await w.taskFor("isp");
    w.sim.reset();
    expect(task.reason).toBe("escalated");
    const [mail] = await staffMail("hosting@staff.example.test");
    expect(mail!.subject).toMatch(`Task #${task.id} for staff after failed tries: Set up service #${task.serviceId} (`);
    expect(mail!.text).toContain("http_500");

    posted.length = 0;
    await deliverChat(w.db);
    expect(posted).toEqual([{ url: "/bot123:ABC/sendMessage", body: { chat_id: "-1001234567890", text: expect.stringContaining(`Task #${task.id} for staff after failed tries`) } }]);
  });

  it("a reassigned task emails its new holder; a failing webhook is retried later", async () => {
    const { task } = await w.taskFor("hosting");
    answer = 500;
    await deliverChat(w.db);
    await reassignTask({ ctx: w.ctx(w.admin), input: { taskId: task.id, assigneeId: w.secondStaff.user.id } });
    const [mail, ...more] = await staffMail(w.secondStaff.user.email);
    expect(more).toHaveLength(0);
    expect(mail).toMatchObject({ clientId: null, subject: expect.stringContaining(`Task #${task.id} is now ${w.secondStaff.user.name}: Set up service #${task.serviceId}`) });
    const failing = (await chatRows(w.hosting.id)).filter((r) => r.status === "queued" && r.attempts === 1);
    expect(failing).toHaveLength(1);
    expect(failing[0]).toMatchObject({ responseStatus: 500, lastError: expect.stringContaining("HTTP 500") });
    expect(failing[0]!.runAt.getTime()).toBeGreaterThan(Date.now());
    answer = 200;
  });

  it("off: nothing is sent, not even to an assignee", async () => {
    await setDepartment(w.hosting.id, "Hosting support", { notify: "off" });
    // The order behind the task emails its client (confirmation, invoice, receipt): only staff emails count here.
    const staffRows = async () => (await w.db.select({ id: emailOutbox.id }).from(emailOutbox).where(inArray(emailOutbox.template, ["task-notice", "task-digest"]))).length;
    const before = await staffRows();
    const chatBefore = (await chatRows(w.hosting.id)).length;
    const { task } = await w.taskFor("hosting");
    await reassignTask({ ctx: w.ctx(w.admin), input: { taskId: task.id, assigneeId: w.staff.user.id } });
    expect(await staffRows()).toBe(before);
    expect(await chatRows(w.hosting.id)).toHaveLength(chatBefore);
  });

  it("digest: nothing at once, then one message a day listing the open tasks that came in", async () => {
    await setDepartment(w.domains.id, "Domains", { email: "domains@staff.example.test", notify: "digest", chatUrl: `${chatUrl}/digest` });
    const first = await w.taskFor("domains");
    const second = await w.taskFor("domains");
    expect(await staffMail("domains@staff.example.test")).toHaveLength(0);
    expect(await chatRows(w.domains.id)).toHaveLength(0);

    // The digest hour is this hour, so the test runs the same at any time of day.
    const now = new Date();
    const hour = now.getUTCHours();
    const beforeHour = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), hour) - 60_000);
    expect(await sendTaskDigests(w.db, beforeHour, { hour })).toEqual({ sent: 0 });
    const run = new Date(now.getTime() + 60_000);
    expect(await sendTaskDigests(w.db, run, { hour })).toEqual({ sent: 1 });
    expect(await sendTaskDigests(w.db, new Date(run.getTime() + 60_000), { hour })).toEqual({ sent: 0 });

    const [digest, ...more] = await staffMail("domains@staff.example.test");
    expect(more).toHaveLength(0);
    expect(digest).toMatchObject({ template: "task-digest", clientId: null, subject: expect.stringMatching(/^Domains: 2 new tasks/) });
    expect(digest!.text).toContain(`Task #${first.task.id}`);
    expect(digest!.text).toContain(`Task #${second.task.id}`);
    const rows = await chatRows(w.domains.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.text).toContain(`#${second.task.id} Set up service #${second.service.id}`);
  });

  it("bad settings are refused in plain words", async () => {
    await expect(setDepartment(w.domains.id, "Domains", { chatUrl: "ftp://chat.example.test/x" })).rejects.toMatchObject({ code: "validation", fields: { chatUrl: [expect.stringContaining("http")] } });
    await expect(setDepartment(w.domains.id, "Domains", { chatId: "not a chat" })).rejects.toMatchObject({ code: "validation", fields: { chatId: [expect.stringContaining("Telegram")] } });
    await expect(setDepartment(w.domains.id, "Domains", { notify: "hourly" })).rejects.toMatchObject({ code: "validation" });
  });

  it("the departments form keeps a blank chat URL, removes it when asked, and the audit never holds it", async () => {
    const f = (values: Record<string, string>) => {
      const data = new FormData();
      for (const [k, v] of Object.entries({ departmentId: String(w.domains.id), name: "Domains", email: "domains@staff.example.test", ...values })) data.set(k, v);
      return data;
    };
    expect(await runUpdateDepartment(w.ctx(w.admin), f({ notify: "each", chatUrl: "" }))).toMatchObject({ ok: true });
    expect((await w.db.select().from(departments).where(eq(departments.id, w.domains.id)))[0]).toMatchObject({ notify: "each", chatUrl: expect.any(String) });
    expect(await runUpdateDepartment(w.ctx(w.admin), f({ notify: "each", removeChat: "on" }))).toMatchObject({ ok: true });
    expect((await w.db.select().from(departments).where(eq(departments.id, w.domains.id)))[0]).toMatchObject({ chatUrl: null });
    const audits = await w.db.select().from(auditLog).where(eq(auditLog.action, "department.update"));
    expect(JSON.stringify(audits)).not.toMatch(/chatUrl|bot123|slack/);
  });

  it("both templates render their preview data", async () => {
    for (const name of ["task-notice", "task-digest"] as const) {
      const { html, subject } = await renderEmail(name, templates[name].component.PreviewProps as never);
      expect(subject.length).toBeGreaterThan(10);
      expect(html).toContain("/board/tasks/17");
    }
    expect(await w.db.select().from(chatOutbox).where(inArray(chatOutbox.status, ["failed"]))).toEqual([]);
  });
});
