import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { auditLog, operations, services, tasks } from "@/lib/db/schema";
import { deliverEmails } from "@/lib/email/deliver";
import { sweepOperations } from "@/lib/processing/sweep";
import { requestServiceOperation } from "@/lib/services/services/request-operation";
import { closeTask } from "@/lib/services/tasks/close";
import { getTaskEmail } from "@/lib/services/tasks/email";
import { runClose, runReassign, runRestart, runTake } from "@/app/board/task-actions";
import { boardWorld, typed, type BoardWorld } from "./board-setup";

function form(values: Record<string, string | number>): FormData {
  const data = new FormData();
  for (const [k, v] of Object.entries(values)) data.set(k, String(v));
  return data;
}

const closeForm = (taskId: number, fields: Record<string, string>) =>
  form({ taskId, ...Object.fromEntries(Object.entries(fields).map(([k, v]) => [`fields.${k}`, v])) });

describe("board server actions and closing", () => {
  let w: BoardWorld;
  beforeAll(async () => {
    w = await boardWorld();
  });
  afterAll(async () => w.close());

  const serviceRow = async (id: number) => (await w.db.select().from(services).where(eq(services.id, id)))[0]!;
  const taskRow = async (id: number) => (await w.db.select().from(tasks).where(eq(tasks.id, id)))[0]!;

  it("close: field errors keyed to their inputs, then one of two concurrent closers wins and the other is told who", async () => {
    const { task, service } = await w.taskFor("hosting");
    const invalid = await runClose(w.ctx(w.staff), closeForm(task.id, { ...typed, ip: "not-an-ip", panel_url: "nope" }));
    expect(invalid.ok).toBeUndefined();
    expect(Object.keys(invalid.fields ?? {}).sort()).toEqual(["fields.ip", "fields.panel_url"]);
    expect(invalid.fields!["fields.ip"]).toEqual(["Not an IP address"]);
    expect(invalid.values).toMatchObject({ login: "alice" });
    expect((await taskRow(task.id)).status).toBe("new");

    const [a, b] = await Promise.all([
      runClose(w.ctx(w.staff), closeForm(task.id, typed)),
      runClose(w.ctx(w.secondStaff), closeForm(task.id, typed)),
    ]);
    expect([a, b].filter((s) => s.ok)).toHaveLength(1);
    const closer = (await taskRow(task.id)).closedById;
    const winner = [w.staff, w.secondStaff].find((s) => s.user.id === closer)!;
    expect([a, b].find((s) => !s.ok)!.error).toBe(`This task was already closed by ${winner.user.name}`);
    expect((await serviceRow(service.id)).status).toBe("active");
  });

  it("the welcome email of a closed setup task carries what staff typed, and only the department sees it", async () => {
    const { task } = await w.taskFor("hosting");
    expect(await getTaskEmail({ ctx: w.ctx(w.staff), input: { taskId: task.id } })).toBeNull();
    await runTake(w.ctx(w.staff), form({ taskId: task.id }));
    expect((await runClose(w.ctx(w.staff), closeForm(task.id, typed))).ok).toBeTruthy();
    const queued = await getTaskEmail({ ctx: w.ctx(w.staff), input: { taskId: task.id } });
    expect(queued).toMatchObject({ to: w.buyer.email, status: "queued" });
    expect(queued!.text).toContain(typed.login);
    expect(queued!.text).not.toContain(typed.password);
    expect(queued!.text).toContain("••••••••");
    expect(queued!.text).toContain(typed.panel_url);
    const revealed = await getTaskEmail({ ctx: w.ctx(w.staff), input: { taskId: task.id, reveal: true } });
    expect(revealed!.text).toContain(typed.password);
    expect(await w.db.select().from(auditLog).where(and(eq(auditLog.action, "task.email_reveal"), eq(auditLog.actorUserId, w.staff.user.id)))).toHaveLength(1);
    await deliverEmails(w.db);
    expect(await getTaskEmail({ ctx: w.ctx(w.staff), input: { taskId: task.id } })).toMatchObject({ status: "sent" });
    await expect(getTaskEmail({ ctx: w.ctx(w.otherStaff), input: { taskId: task.id } })).rejects.toMatchObject({ code: "forbidden" });
  });

  it("suspend and close tasks of a Manual setup service move it to suspended, then closed, with the client told", async () => {
    const { task, service } = await w.taskFor("hosting");
    await closeTask({ ctx: w.ctx(w.staff), input: { taskId: task.id, fields: typed } });
    for (const kind of ["suspend", "close"] as const) {
      const op = await requestServiceOperation({ ctx: w.ctx(w.admin), input: { serviceId: service.id, kind } });
      await sweepOperations(w.db);
      const [next] = await w.db.select().from(tasks).where(eq(tasks.operationId, op.id));
      expect(next).toMatchObject({ status: "new", reason: "manual_handler", departmentId: w.hosting.id });
      expect((await runClose(w.ctx(w.staff), form({ taskId: next!.id, note: `${kind} done on the panel` }))).ok).toBeTruthy();
      expect((await serviceRow(service.id)).status).toBe(kind === "suspend" ? "suspended" : "closed");
      const mail = await getTaskEmail({ ctx: w.ctx(w.staff), input: { taskId: next!.id } });
      expect(mail!.subject).toMatch(kind === "suspend" ? /^Service suspended/ : /^Service closed/);
    }
  });

  it("take and reassign answer with the verb's message; staff of another department are refused", async () => {
    const { task } = await w.taskFor("hosting");
    expect(await runTake(w.ctx(w.staff), form({ taskId: task.id }))).toEqual({ ok: "The task is yours now." });
    expect(await runTake(w.ctx(w.secondStaff), form({ taskId: task.id }))).toEqual({ error: `This task is already taken by ${w.staff.user.name}` });
    expect((await runTake(w.ctx(w.otherStaff), form({ taskId: task.id }))).error).toBe("This task belongs to another department");
    expect((await runClose(w.ctx(w.otherStaff), closeForm(task.id, typed))).error).toBe("This task belongs to another department");
    expect((await runReassign(w.ctx(w.staff), form({ taskId: task.id, assigneeId: "" }))).error).toBe("Only admins can do this");
    expect((await runReassign(w.ctx(w.admin), form({ taskId: task.id, assigneeId: "" }))).ok).toBeTruthy();
    expect(await taskRow(task.id)).toMatchObject({ status: "new", assigneeId: null });
    expect((await runTake(w.ctx(w.staff), form({ taskId: "x" }))).fields).toHaveProperty("taskId");
  });

  it("restart from an escalated task runs the operation again; a Manual setup task cannot be restarted", async () => {
    const manual = await w.taskFor("hosting");
    expect((await runRestart(w.ctx(w.staff), form({ taskId: manual.task.id }))).error).toMatch(/cannot be restarted/);
    w.sim.setFaults({ http500: true });
    const escalated = await w.taskFor("isp");
    w.sim.reset();
    expect((await runRestart(w.ctx(w.otherStaff), form({ taskId: escalated.task.id }))).error).toBe("This task belongs to another department");
    expect((await runRestart(w.ctx(w.staff), form({ taskId: escalated.task.id }))).ok).toBeTruthy();
    expect((await taskRow(escalated.task.id)).status).toBe("cancelled");
    await sweepOperations(w.db);
    expect((await w.db.select().from(operations).where(eq(operations.id, escalated.op.id)))[0]!.status).toBe("done");
    expect((await serviceRow(escalated.service.id)).status).toBe("active");
  });
});
