import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { serviceHistory, services, tasks } from "@/lib/db/schema";
import { sweepOperations } from "@/lib/processing/sweep";
import { requestServiceOperation } from "@/lib/services/services/request-operation";
import { closeTask } from "@/lib/services/tasks/close";
import { getTaskEmail } from "@/lib/services/tasks/email";
import { getTask } from "@/lib/services/tasks/get";
import { boardWorld, type BoardWorld } from "./board-setup";

const internal = "Rack 12, IPMI 10.9.8.7 root/hunter2";

describe("the closing form of a task", () => {
  let w: BoardWorld;
  beforeAll(async () => {
    w = await boardWorld();
  });
  afterAll(async () => w.close());

  const serviceRow = async (id: number) => (await w.db.select().from(services).where(eq(services.id, id)))[0]!;
  const formOf = async (taskId: number) => (await getTask({ ctx: w.ctx(w.staff), input: { taskId } })).formFields;

  it("keeps details for the client apart from the internal note: the note is never in the email nor on the service", async () => {
    const { task, service } = await w.taskFor("hosting");
    const fields = await formOf(task.id);
    expect(fields.map((f) => f.key)).toEqual(["login", "password", "ip", "panel_url", "client_details"]);
    expect(fields.find((f) => f.key === "client_details")!.label).toMatch(/for the client.*welcome email/i);
    expect(fields.find((f) => f.key === "login")!.value).toBe(service.remoteName);

    const shown = "Your server is in our Amsterdam data centre";
    await closeTask({ ctx: w.ctx(w.staff), input: { taskId: task.id, note: internal, fields: { login: "alice", password: "Typed-by-staff-1", client_details: shown, notes: internal } } });
    const mail = await getTaskEmail({ ctx: w.ctx(w.staff), input: { taskId: task.id } });
    expect(mail!.text).toContain(shown);
    expect(mail!.text).not.toContain("IPMI");
    const after = await serviceRow(service.id);
    expect(JSON.stringify(after.details)).not.toContain("IPMI");
    expect(after.details).toMatchObject({ login: "alice", client_details: shown });
    const history = await w.db.select().from(serviceHistory).where(eq(serviceHistory.serviceId, service.id));
    expect(history.some((h) => h.message.includes("IPMI"))).toBe(false);
    expect(history.some((h) => h.staffNote?.includes("IPMI"))).toBe(true);
  });

  it("fills in what is known: the name on the panel, the domain and the handler's panel URL", async () => {
    w.sim.setFaults({ http500: true });
    const { task, service } = await w.taskFor("isp");
    w.sim.reset();
    const values = Object.fromEntries((await formOf(task.id)).map((f) => [f.key, f.value]));
    expect(values).toEqual({ login: service.remoteName, password: undefined, panel_url: w.sim.url, domain: service.domain });
  });

  it("a suspend or close task asks for no set-up details and says what it stands for; typed details are not stored", async () => {
    const { task, service } = await w.taskFor("hosting");
    await closeTask({ ctx: w.ctx(w.staff), input: { taskId: task.id, fields: { login: "alice", password: "Typed-by-staff-1" } } });
    const op = await requestServiceOperation({ ctx: w.ctx(w.admin), input: { serviceId: service.id, kind: "suspend" } });
    await sweepOperations(w.db);
    const [suspendTask] = await w.db.select().from(tasks).where(eq(tasks.operationId, op.id));
    expect(await formOf(suspendTask!.id)).toEqual([]);
    await closeTask({ ctx: w.ctx(w.staff), input: { taskId: suspendTask!.id, fields: { login: "mallory", ip: "10.0.0.1" }, note: "Stopped in the panel" } });
    const after = await serviceRow(service.id);
    expect(after.status).toBe("suspended");
    expect(after.details.login).toBe("alice");
    expect(after.details.ip).toBeUndefined();
  });
});
