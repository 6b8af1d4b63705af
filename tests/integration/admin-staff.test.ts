import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { auditLog, departmentMembers, emailOutbox, tasks, users } from "@/lib/db/schema";
import type { Ctx } from "@/lib/services/context";
import { listStaff } from "@/lib/services/users/list-staff";
import { updateStaffUser } from "@/lib/services/users/update-staff";
import { restartOperation } from "@/lib/services/operations/restart";
import { listTasks } from "@/lib/services/tasks/list";
import { runInviteStaff, runResendInvitation, runUpdateStaff } from "@/app/admin/users/run";
import { boardWorld, type BoardWorld } from "./board-setup";

function form(values: Record<string, string | string[]>) {
  const f = new FormData();
  for (const [k, v] of Object.entries(values)) for (const one of [v].flat()) f.append(k, one);
  return f;
}

describe("staff: invited by email link, shown and edited with role and departments", () => {
  let w: BoardWorld;
  let admin: Ctx;

  beforeAll(async () => {
    w = await boardWorld();
    admin = w.ctx(w.admin);
  });
  afterAll(() => w.close());

  it("invites a staff member by an email link, with no password asked for, into the chosen departments", async () => {
    const state = await runInviteStaff(admin, form({ name: "Grace Hopper", email: "Grace@Example.test", role: "staff", departmentIds: [String(w.hosting.id), String(w.domains.id)] }));
    expect(state).toMatchObject({ ok: true });
    expect(state.message).toContain("emailed a link");
    const [user] = await w.db.select().from(users).where(eq(users.email, "grace@example.test"));
    expect(user).toMatchObject({ role: "staff", name: "Grace Hopper" });
    const [mail] = await w.db.select().from(emailOutbox).where(eq(emailOutbox.to, "grace@example.test"));
    expect(mail).toMatchObject({ template: "account-link", status: "queued" });
    const listed = (await listStaff({ ctx: admin })).find((s) => s.id === user!.id)!;
    expect(listed).toMatchObject({ role: "staff", invitationOpen: true, disabled: false });
    expect(listed.departments.map((d) => d.name).sort()).toEqual(["Domains", "Hosting support"]);
  });

  it("lists every staff member and admin with role and departments; clients are not staff", async () => {
    const list = await listStaff({ ctx: admin });
    expect(list.find((s) => s.id === w.staff.user.id)).toMatchObject({ role: "staff", departments: [{ id: w.hosting.id, name: "Hosting support" }], invitationOpen: false });
    expect(list.find((s) => s.id === w.admin.user.id)).toMatchObject({ role: "admin", departments: [] });
    expect(list.some((s) => s.id === w.client.user.id)).toBe(false);
    await expect(listStaff({ ctx: w.ctx(w.staff) })).rejects.toMatchObject({ code: "forbidden" });
  });

  it("edits role and departments as a whole, audited; nobody changes their own role", async () => {
    const id = w.otherStaff.user.id;
    const state = await runUpdateStaff(admin, form({ userId: String(id), role: "admin", departmentIds: [String(w.hosting.id)] }));
    expect(state).toMatchObject({ ok: true, message: "Saved" });
    expect((await w.db.select().from(users).where(eq(users.id, id)))[0]!.role).toBe("admin");
    expect((await w.db.select().from(departmentMembers).where(eq(departmentMembers.userId, id))).map((m) => m.departmentId)).toEqual([w.hosting.id]);
    const [row] = await w.db.select().from(auditLog).where(and(eq(auditLog.action, "user.update_staff"), eq(auditLog.entityId, String(id))));
    expect(row).toMatchObject({ before: { role: "staff", departmentIds: [w.domains.id] }, after: { role: "admin", departmentIds: [w.hosting.id] } });

    const own = await runUpdateStaff(admin, form({ userId: String(w.admin.user.id), role: "staff" }));
    expect(own.error).toBe("You cannot change your own role");
    expect((await w.db.select().from(users).where(eq(users.id, w.admin.user.id)))[0]!.role).toBe("admin");
    const bad = await runUpdateStaff(admin, form({ userId: String(id), role: "staff", departmentIds: "999999" }));
    expect(bad.fields?.departmentIds).toEqual(["Choose existing departments"]);
    await expect(updateStaffUser({ ctx: w.ctx(w.staff), input: { userId: id, role: "staff" } })).rejects.toMatchObject({ code: "forbidden" });
    await expect(updateStaffUser({ ctx: admin, input: { userId: w.client.user.id, role: "staff" } })).rejects.toMatchObject({ code: "not_found" });
  });

  it("emails a fresh sign-in link on request", async () => {
    const before = await w.db.select().from(emailOutbox).where(eq(emailOutbox.to, w.secondStaff.user.email));
    const state = await runResendInvitation(admin, form({ userId: String(w.secondStaff.user.id) }));
    expect(state).toMatchObject({ ok: true });
    const after = await w.db.select().from(emailOutbox).where(eq(emailOutbox.to, w.secondStaff.user.email));
    expect(after.length).toBe(before.length + 1);
    expect(after.at(-1)!.template).toBe("account-link");
  });
});

describe("board lanes: a task cancelled by a restart stays in the Cancelled lane for a day", () => {
  let w: BoardWorld;
  beforeAll(async () => {
    w = await boardWorld();
  });
  afterAll(() => w.close());

  it("lists it while closed within the day, and no longer after", async () => {
    const { op, task } = await w.taskFor("hosting");
    await restartOperation({ ctx: w.ctx(w.admin), input: { operationId: op.id } });
    const dayAgo = new Date(Date.now() - 24 * 60 * 60_000);
    const lane = async () => (await listTasks({ ctx: w.ctx(w.staff), input: { status: "cancelled", closedAfter: dayAgo } })).items.map((t) => [t.id, t.note]);
    expect(await lane()).toEqual([[task.id, "Operation restarted"]]);
    await w.db.update(tasks).set({ closedAt: new Date(Date.now() - 25 * 60 * 60_000) }).where(eq(tasks.id, task.id));
    expect(await lane()).toEqual([]);
  });

  it("a card's task carries the operation's last error", async () => {
    w.sim.setFaults({ http500: true });
    const { task } = await w.taskFor("isp");
    w.sim.reset();
    const [item] = (await listTasks({ ctx: w.ctx(w.staff), input: { status: "new" } })).items.filter((t) => t.id === task.id);
    expect(item?.operation.lastError).toMatch(/500/);
  });
});
