import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { auditLog, tasks } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { getTask } from "@/lib/services/tasks/get";
import { handBackTask } from "@/lib/services/tasks/hand-back";
import { listTasks } from "@/lib/services/tasks/list";
import { reassignTask } from "@/lib/services/tasks/reassign";
import { takeTask } from "@/lib/services/tasks/take";
import { boardWorld, type BoardWorld } from "./board-setup";

describe("task board verbs", () => {
  let w: BoardWorld;
  beforeAll(async () => {
    w = await boardWorld();
  });
  afterAll(async () => w.close());

  const taskRow = async (id: number) => (await w.db.select().from(tasks).where(eq(tasks.id, id)))[0]!;
  const audits = (id: number, action: string) =>
    w.db.select().from(auditLog).where(and(eq(auditLog.entity, "task"), eq(auditLog.entityId, String(id)), eq(auditLog.action, action)));
  const ids = (r: { items: { id: number }[] }) => r.items.map((i) => i.id);

  it("lists each staff member's departments only; admins see all; filters and pages", async () => {
    const hostingTask = (await w.taskFor("hosting")).task;
    const domainsTask = (await w.taskFor("domains")).task;
    const mineList = await listTasks({ ctx: w.ctx(w.staff), input: {} });
    expect(ids(mineList)).toContain(hostingTask.id);
    expect(ids(mineList)).not.toContain(domainsTask.id);
    const other = await listTasks({ ctx: w.ctx(w.otherStaff), input: {} });
    expect(ids(other)).toEqual([domainsTask.id]);
    expect(ids(await listTasks({ ctx: w.ctx(w.admin), input: {} }))).toEqual(expect.arrayContaining([hostingTask.id, domainsTask.id]));
    expect(ids(await listTasks({ ctx: w.ctx(w.admin), input: { departmentId: w.domains.id } }))).toEqual([domainsTask.id]);
    await expect(listTasks({ ctx: w.ctx(w.staff), input: { departmentId: w.domains.id } })).rejects.toMatchObject({ code: "forbidden" });

    const item = mineList.items.find((i) => i.id === hostingTask.id)!;
    expect(item).toMatchObject({
      status: "new", reason: "manual_handler", department: { id: w.hosting.id, name: "Hosting support" }, assignee: null,
      service: { id: hostingTask.serviceId, status: "processing" }, client: { id: w.buyer.id, name: w.buyer.name },
      operation: { kind: "open", status: "manual", attempts: 0 },
    });
    expect(ids(await listTasks({ ctx: w.ctx(w.staff), input: { status: "done" } }))).not.toContain(hostingTask.id);

    await w.taskFor("hosting");
    const first = await listTasks({ ctx: w.ctx(w.staff), input: { limit: "1" } });
    expect(first.items).toHaveLength(1);
    expect(first.nextCursor).toBe(first.items[0]!.id);
    const second = await listTasks({ ctx: w.ctx(w.staff), input: { limit: "1", cursor: String(first.nextCursor) } });
    expect(second.items[0]!.id).toBeLessThan(first.items[0]!.id);
    const all = await listTasks({ ctx: w.ctx(w.staff), input: { limit: 200 } });
    expect(all.nextCursor).toBeNull();
    expect(ids(all).slice(0, 2)).toEqual([...ids(first), ...ids(second)]);
  });

  it("refuses clients and anonymous visitors", async () => {
    await expect(listTasks({ ctx: w.ctx(w.client), input: {} })).rejects.toMatchObject({ code: "forbidden" });
    await expect(listTasks({ ctx: { db: w.db, actor: { type: "anonymous" } }, input: {} })).rejects.toMatchObject({ code: "unauthorized" });
    const { task } = await w.taskFor("hosting");
    await expect(takeTask({ ctx: w.ctx(w.client), input: { taskId: task.id } })).rejects.toMatchObject({ code: "forbidden" });
    await expect(getTask({ ctx: w.ctx(w.client), input: { taskId: task.id } })).rejects.toMatchObject({ code: "forbidden" });
  });

  it("take assigns the task to the taker; another taker hears who holds it; another department is refused", async () => {
    const { task } = await w.taskFor("hosting");
    const taken = await takeTask({ ctx: w.ctx(w.staff), input: { taskId: task.id } });
    expect(taken).toMatchObject({ status: "in_progress", assigneeId: w.staff.user.id });
    expect(taken.takenAt).toBeInstanceOf(Date);
    await takeTask({ ctx: w.ctx(w.staff), input: { taskId: task.id } });
    expect(await audits(task.id, "task.take")).toHaveLength(1);
    for (const who of [w.secondStaff, w.admin]) {
      const error = await takeTask({ ctx: w.ctx(who), input: { taskId: task.id } }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AppError);
      expect(error).toMatchObject({ code: "conflict", message: `This task is already taken by ${w.staff.user.name}` });
    }
    await expect(takeTask({ ctx: w.ctx(w.otherStaff), input: { taskId: task.id } })).rejects.toMatchObject({ code: "forbidden" });
    expect(await taskRow(task.id)).toMatchObject({ assigneeId: w.staff.user.id });
    expect(ids(await listTasks({ ctx: w.ctx(w.staff), input: { mine: "true" } }))).toContain(task.id);
    expect(ids(await listTasks({ ctx: w.ctx(w.secondStaff), input: { mine: true } }))).not.toContain(task.id);
    expect(ids(await listTasks({ ctx: w.ctx(w.staff), input: { status: "in_progress" } }))).toContain(task.id);
  });

  it("two staff taking the same task at once: one holds it, the other is told who", async () => {
    const { task } = await w.taskFor("hosting");
    const results = await Promise.allSettled([
      takeTask({ ctx: w.ctx(w.staff), input: { taskId: task.id } }),
      takeTask({ ctx: w.ctx(w.secondStaff), input: { taskId: task.id } }),
    ]);
    const won = results.filter((r) => r.status === "fulfilled");
    expect(won).toHaveLength(1);
    const holder = (await taskRow(task.id)).assigneeId;
    const winner = [w.staff, w.secondStaff].find((s) => s.user.id === holder)!;
    const lost = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(lost.reason).toMatchObject({ code: "conflict", message: `This task is already taken by ${winner.user.name}` });
    expect(await audits(task.id, "task.take")).toHaveLength(1);
  });

  it("hand back: by the holder or an admin, and the task is New and unassigned again", async () => {
    const { task } = await w.taskFor("hosting");
    await expect(handBackTask({ ctx: w.ctx(w.staff), input: { taskId: task.id } })).rejects.toMatchObject({ code: "conflict" });
    await takeTask({ ctx: w.ctx(w.staff), input: { taskId: task.id } });
    await expect(handBackTask({ ctx: w.ctx(w.secondStaff), input: { taskId: task.id } })).rejects.toMatchObject({ code: "forbidden" });
    await expect(handBackTask({ ctx: w.ctx(w.otherStaff), input: { taskId: task.id } })).rejects.toMatchObject({ code: "forbidden" });
    expect(await taskRow(task.id)).toMatchObject({ status: "in_progress", assigneeId: w.staff.user.id });
    await handBackTask({ ctx: w.ctx(w.staff), input: { taskId: task.id } });
    expect(await taskRow(task.id)).toMatchObject({ status: "new", assigneeId: null, takenAt: null });
    await takeTask({ ctx: w.ctx(w.secondStaff), input: { taskId: task.id } });
    await handBackTask({ ctx: w.ctx(w.admin), input: { taskId: task.id } });
    expect(await taskRow(task.id)).toMatchObject({ status: "new", assigneeId: null });
    expect(await audits(task.id, "task.hand_back")).toHaveLength(2);
  });

  it("reassign: admins only, to staff of the task's department or an admin, or to nobody", async () => {
    const { task } = await w.taskFor("hosting");
    await expect(reassignTask({ ctx: w.ctx(w.staff), input: { taskId: task.id, assigneeId: w.staff.user.id } })).rejects.toMatchObject({ code: "forbidden" });
    for (const wrong of [w.otherStaff, w.client]) {
      const error = await reassignTask({ ctx: w.ctx(w.admin), input: { taskId: task.id, assigneeId: wrong.user.id } }).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: "validation", fields: { assigneeId: [expect.any(String)] } });
    }
    await takeTask({ ctx: w.ctx(w.staff), input: { taskId: task.id } });
    await reassignTask({ ctx: w.ctx(w.admin), input: { taskId: task.id, assigneeId: w.secondStaff.user.id } });
    expect(await taskRow(task.id)).toMatchObject({ status: "in_progress", assigneeId: w.secondStaff.user.id });
    const [row] = await audits(task.id, "task.reassign");
    expect(row).toMatchObject({ actorUserId: w.admin.user.id, before: { assigneeId: w.staff.user.id }, after: { assigneeId: w.secondStaff.user.id } });
    await reassignTask({ ctx: w.ctx(w.admin), input: { taskId: task.id, assigneeId: null } });
    expect(await taskRow(task.id)).toMatchObject({ status: "new", assigneeId: null });
  });

  it("get: service without secrets, handler, attempts' log, client contact and the module's form; another department is refused", async () => {
    w.sim.setFaults({ http500: true });
    const { task, service } = await w.taskFor("isp");
    w.sim.reset();
    expect(task.reason).toBe("escalated");
    const got = await getTask({ ctx: w.ctx(w.staff), input: { taskId: task.id } });
    expect(got.handler).toMatchObject({ module: "ispmanager" });
    expect(got.attempts).toEqual([expect.objectContaining({ number: 1, outcome: "error", errorCode: "http_500" })]);
    expect(got.client).toMatchObject({ id: w.buyer.id, email: w.buyer.email });
    expect(got.service).toMatchObject({ id: service.id, status: "processing" });
    expect(got.service).not.toHaveProperty("secrets");
    expect(got.formFields).toContainEqual(expect.objectContaining({ key: "password", secret: true, required: true }));
    expect(got).toMatchObject({ canClose: true, canRestart: true, assignees: [] });
    await expect(getTask({ ctx: w.ctx(w.otherStaff), input: { taskId: task.id } })).rejects.toMatchObject({ code: "forbidden" });
    await expect(getTask({ ctx: w.ctx(w.staff), input: { taskId: 999_999 } })).rejects.toMatchObject({ code: "not_found" });

    const manual = await getTask({ ctx: w.ctx(w.admin), input: { taskId: (await w.taskFor("hosting")).task.id } });
    expect(manual).toMatchObject({ canClose: true, canRestart: false, attempts: [] });
    expect(manual.formFields.map((f) => f.key)).toEqual(["login", "password", "ip", "panel_url", "client_details"]);
    const names = manual.assignees.map((a) => a.id);
    expect(names).toEqual(expect.arrayContaining([w.staff.user.id, w.secondStaff.user.id, w.admin.user.id]));
    expect(names).not.toContain(w.otherStaff.user.id);
  });
});
