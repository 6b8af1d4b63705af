import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createAttemptLog } from "../../lib/modules/attempt-log";
import { ModuleError } from "../../lib/modules/contract";
import { isOurs, ispmanager, ownerMarker } from "../../lib/modules/ispmanager";
import { call, endpoint, login, type IspConnection } from "../../lib/modules/ispmanager/client";
import { startIspmanagerSimulator, type IspmanagerSimulator, type IspVariants } from "../../lib/modules/ispmanager/simulator";
import { startSimulator } from "../../lib/modules/simulator-server";
import { context, expectRedacted, openToDone, runContractKit, serviceFactory } from "./kit";

const ADMIN = { username: "admin", password: "adm1n-S3cret!" };
const makeService = serviceFactory(1000, (id) => ({ remoteName: `prv${id}`, template: "StarterPack", params: { domain: `site-${id}.example.test` } }));

const connectionOf = (sim: IspmanagerSimulator): IspConnection => ({ url: sim.url, ...ADMIN });

runContractKit("ispmanager", async () => {
  const sim = await startIspmanagerSimulator(ADMIN);
  const state = (name: string) => {
    const user = sim.state.users[name];
    return !user ? "missing" : user.active ? "active" : "suspended";
  };
  return {
    module: ispmanager,
    connection: connectionOf(sim),
    badConnection: { ...connectionOf(sim), password: "wrong-password" },
    makeService,
    countObjects: () => Object.keys(sim.state.users).length,
    lastCall: () => sim.state.calls.at(-1),
    setFaults: (faults) => sim.setFaults(faults),
    objectState: state,
    suspendDirectly: (name) => {
      sim.state.users[name].active = false;
    },
    deleteDirectly: (name) => {
      delete sim.state.users[name];
    },
    plantForeign: (name) => sim.plantForeign(name),
    unknownTemplate: "NoSuchPack",
    close: () => sim.close(),
  };
});

describe("ispmanager: panel specifics", () => {
  let sim: IspmanagerSimulator;
  let conn: IspConnection;
  beforeEach(async () => {
    sim = await startIspmanagerSimulator(ADMIN);
    conn = connectionOf(sim);
  });
  afterEach(async () => {
    await sim.close();
  });

  const raw = async (query: Record<string, string>, method: "GET" | "POST" = "GET") => {
    const params = new URLSearchParams({ authinfo: `${ADMIN.username}:${ADMIN.password}`, ...query });
    const res =
      method === "GET"
        ? await fetch(`${sim.url}/ispmgr?${params}`)
        : await fetch(`${sim.url}/ispmgr`, { method, body: params, headers: { "content-type": "application/x-www-form-urlencoded" } });
    return res.text();
  };

  it("answers both out=xml and out=json", async () => {
    await openToDone(ispmanager, context(conn, makeService({ remoteName: "alice" })));
    const xml = await raw({ func: "user", out: "xml" });
    expect(xml).toContain("<doc><elem><name>alice</name>");
    expect(xml).toContain("<active>on</active>");
    const json = JSON.parse(await raw({ func: "user", out: "json" }, "POST"));
    expect(json.doc.elem[0].name).toEqual({ $: "alice" });
    expect(await raw({ func: "user.edit", elid: "nobody", out: "xml" })).toMatch(/<error type="value" object="elid"[^>]*><msg>/);
    const err = JSON.parse(await raw({ func: "user.suspend", elid: "nobody", out: "json" }));
    expect(err.doc.error).toMatchObject({ $type: "missed", $object: "users" });
    expect(JSON.stringify(await raw({ func: "user.edit", elid: "alice", out: "json" }))).not.toContain("Pw!");
  });

  it("creates through user.edit with sok=ok over GET, and reports the protocol's errors", async () => {
    const create = { func: "user.edit", sok: "ok", name: "bob", passwd: "bob-pass-1", confirm: "bob-pass-1", preset: "AdvancedPack", out: "json" };
    expect(JSON.parse(await raw(create)).doc).toHaveProperty("ok");
    expect(JSON.parse(await raw(create)).doc.error).toMatchObject({ $type: "exists", $object: "user" });
    expect(JSON.parse(await raw({ ...create, name: "9bad" })).doc.error).toMatchObject({ $type: "value", $object: "name" });
    expect(JSON.parse(await raw({ ...create, name: "carol", confirm: "other" })).doc.error).toMatchObject({ $object: "passwd" });
    expect(JSON.parse(await raw({ ...create, name: "dave", preset: "Nope" })).doc.error).toMatchObject({ $type: "missed", $object: "preset" });
    expect(sim.state.users.bob.limits.limit_db).toBe("10");
    expect(sim.state.calls.at(-1)?.params.passwd).toBe("***");
  });

  it("deletes several users at once", async () => {
    for (const name of ["u1", "u2"]) await openToDone(ispmanager, context(conn, makeService({ remoteName: name })));
    expect(JSON.parse(await raw({ func: "user.delete", elid: "u1, u2", out: "json" })).doc).toHaveProperty("ok");
    expect(Object.keys(sim.state.users)).toEqual([]);
  });

  it("works with a session from func=auth", async () => {
    const log = createAttemptLog();
    const sid = await login(conn, log);
    expect(sid).toMatch(/^[0-9a-f]{24}$/);
    const doc = await call(conn, log, "user", {}, sid);
    expect(doc).not.toHaveProperty("error");
    expect(sim.state.calls.at(-1)?.params).toMatchObject({ auth: sid });
    await expect(call(conn, log, "user", {}, "not-a-session")).rejects.toMatchObject({ code: "auth", retryable: false });
    await expect(login({ ...conn, password: "nope" }, log)).rejects.toMatchObject({ code: "auth" });
    expectRedacted(log, [ADMIN.password, sid, "nope"]);
  });

  it("sends the template with the tariff's limit overrides", async () => {
    const service = makeService({ template: "AdvancedPack", resources: { disk: 3, databases: 5, sites: 2, cpu: 4 }, params: { domain: "example.test" } });
    const result = await openToDone(ispmanager, context(conn, service));
    const create = sim.state.calls.find((c) => c.func === "user.add.finish");
    expect(create?.params).toMatchObject({
      sok: "ok", name: service.remoteName, preset: "AdvancedPack", fullname: ownerMarker(service), domain: "example.test",
      webdomain_name: "example.test", emaildomain_name: "example.test",
      limit_quota: "3072", limit_db: "5", limit_webdomains: "2", passwd: "***",
    });
    expect(create?.params).not.toHaveProperty("limit_cpu");
    expect(sim.state.users[service.remoteName].limits).toMatchObject({ limit_quota: "3072", limit_db: "5" });
    expect(result).toMatchObject({
      remoteId: service.remoteName,
      details: { login: service.remoteName, panel_url: sim.url, domain: "example.test" },
      secrets: { password: service.secrets.password },
    });
  });

  it("lists templates, including ones added later", async () => {
    sim.addPreset("ProPack", { limit_quota: "51200" });
    expect(await ispmanager.listTemplates!(conn, createAttemptLog())).toEqual(["StarterPack", "AdvancedPack", "ProPack"]);
  });

  it("changes the tariff's template", async () => {
    const service = makeService();
    await openToDone(ispmanager, context(conn, service));
    await ispmanager.changeTariff!(context(conn, service, { template: "AdvancedPack" }));
    expect(sim.state.users[service.remoteName].preset).toBe("AdvancedPack");
    await expect(ispmanager.changeTariff!(context(conn, service, { template: "Nope" }))).rejects.toMatchObject({
      code: "unknown_template",
      retryable: false,
    });
  });

  it("a form function without sok=ok only answers its form and creates nothing", async () => {
    const form = { func: "user.add.finish", name: "erin", passwd: "erin-pass-1", confirm: "erin-pass-1", preset: "StarterPack", out: "json" };
    const doc = JSON.parse(await raw(form)).doc;
    expect(doc).not.toHaveProperty("ok");
    expect(doc).not.toHaveProperty("error");
    expect(sim.state.users.erin).toBeUndefined();
    expect(JSON.parse(await raw({ ...form, sok: "ok" })).doc).toHaveProperty("ok");
    expect(sim.state.users.erin).toBeDefined();
  });

  it("sends sok=ok with every change and reads the template back after the create", async () => {
    const service = makeService();
    await openToDone(ispmanager, context(conn, service));
    await ispmanager.changeTariff!(context(conn, service, { template: "AdvancedPack" }));
    await ispmanager.suspend(context(conn, service));
    await ispmanager.resume(context(conn, service));
    await ispmanager.close(context(conn, service));
    const changes = sim.state.calls.filter((c) => !["user", "preset"].includes(c.func) && (c.func !== "user.edit" || c.params.sok));
    expect(changes.map((c) => c.func)).toEqual(["user.add.finish", "user.edit", "user.suspend", "user.resume", "user.delete"]);
    for (const c of changes) expect(c.params.sok, c.func).toBe("ok");
    const reads = sim.state.calls.filter((c) => c.func === "user.edit" && !c.params.sok);
    expect(reads.length).toBeGreaterThanOrEqual(6);
  });

  it("adopts only a user that carries this service's marker, active and on the tariff's template", async () => {
    const service = makeService();
    sim.plantForeign(service.remoteName);
    sim.state.users[service.remoteName].comment = `moved by staff, ${ownerMarker(service)}`;
    await expect(openToDone(ispmanager, context(conn, service))).resolves.toMatchObject({ adopted: true });

    const other = makeService();
    sim.plantForeign(other.remoteName);
    sim.state.users[other.remoteName].fullname = `${ownerMarker(other)}0`;
    await expect(ispmanager.open(context(conn, other))).rejects.toMatchObject({ code: "exists_foreign", retryable: false });

    const suspended = makeService();
    await openToDone(ispmanager, context(conn, suspended));
    sim.state.users[suspended.remoteName].active = false;
    await expect(ispmanager.open(context(conn, suspended))).rejects.toMatchObject({ code: "exists_broken", retryable: false });

    const moved = makeService();
    await openToDone(ispmanager, context(conn, moved));
    sim.state.users[moved.remoteName].preset = "AdvancedPack";
    await expect(ispmanager.open(context(conn, moved))).rejects.toMatchObject({ code: "template_mismatch", retryable: false });
  });

  it("suspend, resume and tariff changes refuse a user that is not ours and leave it alone", async () => {
    const service = makeService();
    sim.plantForeign(service.remoteName);
    for (const op of [ispmanager.suspend, ispmanager.resume]) {
      await expect(op(context(conn, service))).rejects.toMatchObject({ code: "exists_foreign", retryable: false });
    }
    await expect(ispmanager.changeTariff!(context(conn, service, { template: "AdvancedPack" }))).rejects.toMatchObject({ code: "exists_foreign" });
    await expect(ispmanager.close(context(conn, service))).resolves.toMatchObject({ status: "done" });
    await expect(ispmanager.sync(context(conn, service))).resolves.toMatchObject({ state: "missing", reason: expect.stringContaining("not this service's") });
    expect(sim.state.users[service.remoteName]).toMatchObject({ owner: "other", active: true, preset: "StarterPack" });
  });

  it("never counts an answer without ok as done: a banner to a suspend is a retryable bad response", async () => {
    const service = makeService();
    await openToDone(ispmanager, context(conn, service));
    sim.setFaults({ ambiguous: true });
    for (const op of [ispmanager.suspend, ispmanager.close]) {
      await expect(op(context(conn, service))).rejects.toMatchObject({ code: "bad_response", retryable: true });
    }
    await expect(ispmanager.changeTariff!(context(conn, service, { template: "AdvancedPack" }))).rejects.toMatchObject({ code: "bad_response" });
    expect(sim.state.users[service.remoteName]).toMatchObject({ active: true, preset: "StarterPack" });
  });

  it("treats a missing user: close is done, suspend and resume are not found", async () => {
    const service = makeService();
    await expect(ispmanager.close(context(conn, service))).resolves.toMatchObject({ status: "done" });
    await expect(ispmanager.suspend(context(conn, service))).rejects.toMatchObject({ code: "not_found", retryable: false, message: expect.stringContaining(`no user '${service.remoteName}'`) });
    await expect(ispmanager.resume(context(conn, service))).rejects.toMatchObject({ code: "not_found", retryable: false });
  });

  it("refuses to open without a password, and a foreign user of the same name", async () => {
    await expect(ispmanager.open(context(conn, makeService({ secrets: {} })))).rejects.toMatchObject({ code: "password_missing", retryable: false });
    sim.setFaults({ exists: true });
    const service = makeService();
    await expect(ispmanager.open(context(conn, service))).rejects.toMatchObject({ code: "exists_foreign", retryable: false });
    expect(sim.state.users[service.remoteName]).toMatchObject({ owner: "other" });
  });

  it("looks the tariff's template up before creating, so a panel that ignores an unknown one makes nothing", async () => {
    const service = makeService({ template: "NoSuchPack" });
    await expect(ispmanager.open(context(conn, service))).rejects.toMatchObject({ code: "unknown_template", retryable: false });
    expect(sim.state.calls.map((c) => c.func)).not.toContain("user.add.finish");
    expect(sim.state.users[service.remoteName]).toBeUndefined();
  });

  it("opens a new user with three calls: the templates, the create, the user's form; never the list of every user", async () => {
    const service = makeService();
    sim.state.calls.length = 0;
    await openToDone(ispmanager, context(conn, service));
    expect(sim.state.calls.map((c) => c.func)).toEqual(["preset", "user.add.finish", "user.edit"]);
  });

  it("a retry after a lost create answer learns of the user from the create's 'exists', then reads form and list", async () => {
    const service = makeService();
    sim.setFaults({ loseAnswer: true });
    await expect(ispmanager.open(context(conn, service))).rejects.toBeInstanceOf(ModuleError);
    sim.state.calls.length = 0;
    await expect(openToDone(ispmanager, context(conn, service))).resolves.toMatchObject({ status: "done", adopted: true });
    expect(sim.state.calls.map((c) => c.func).sort()).toEqual(["preset", "user", "user.add.finish", "user.edit"]);
    expect(Object.keys(sim.state.users).filter((n) => n === service.remoteName)).toHaveLength(1);
  });

  it("sends no site when the order has no domain", async () => {
    const service = makeService({ params: {} });
    await openToDone(ispmanager, context(conn, service));
    const create = sim.state.calls.find((c) => c.func === "user.add.finish");
    expect(create?.params).toMatchObject({ webdomain: "off", emaildomain: "off" });
    expect(create?.params).not.toHaveProperty("webdomain_name");
  });

  const variantCases: [string, Partial<IspVariants>][] = [
    ["a blank form for a missing user", { missingUserForm: "blank" }],
    ["one-element lists as objects", { compactLists: true }],
    ["text nodes as plain strings", { plainText: true }],
    ["group operations answered with the list", { groupOpAnswer: "list" }],
    ["all of them at once", { missingUserForm: "blank", compactLists: true, plainText: true, groupOpAnswer: "list" }],
  ];
  it.each(variantCases)("keeps a whole life cycle right with %s", async (_name, variants) => {
    Object.assign(sim.variants, variants);
    const service = makeService();
    await expect(ispmanager.sync(context(conn, service))).resolves.toMatchObject({ state: "missing" });
    await expect(openToDone(ispmanager, context(conn, service))).resolves.toMatchObject({ status: "done" });
    expect(sim.state.users[service.remoteName]).toMatchObject({ active: true, domain: service.params.domain });
    await ispmanager.suspend(context(conn, service));
    expect(sim.state.users[service.remoteName].active).toBe(false);
    await expect(ispmanager.sync(context(conn, service))).resolves.toMatchObject({ state: "suspended" });
    await expect(ispmanager.open(context(conn, service))).rejects.toMatchObject({ code: "exists_broken" });
    await ispmanager.resume(context(conn, service));
    await expect(ispmanager.sync(context(conn, service))).resolves.toMatchObject({ state: "active" });
    await expect(ispmanager.close(context(conn, service))).resolves.toMatchObject({ status: "done" });
    expect(sim.state.users[service.remoteName]).toBeUndefined();
    await expect(ispmanager.suspend(context(conn, service))).rejects.toMatchObject({ code: "not_found" });
    await expect(ispmanager.close(context(conn, service))).resolves.toMatchObject({ status: "done" });
  });

  it("a group operation with neither ok nor a change on the panel is still a bad response", async () => {
    const service = makeService();
    await openToDone(ispmanager, context(conn, service));
    sim.variants.groupOpAnswer = "list";
    sim.setFaults({ ambiguous: true });
    await expect(ispmanager.suspend(context(conn, service))).rejects.toMatchObject({ code: "bad_response", retryable: true });
    await expect(ispmanager.close(context(conn, service))).rejects.toMatchObject({ code: "bad_response", retryable: true });
    expect(sim.state.users[service.remoteName]).toMatchObject({ active: true });
  });

  it("reads a suspended user from the list row, not the form", async () => {
    const service = makeService();
    await openToDone(ispmanager, context(conn, service));
    sim.state.users[service.remoteName].active = false;
    const form = JSON.parse(await raw({ func: "user.edit", elid: service.remoteName, out: "json" })).doc;
    expect(form).not.toHaveProperty("active");
    await expect(ispmanager.sync(context(conn, service))).resolves.toMatchObject({ state: "suspended" });
  });

  it("reads an HTML login page instead of JSON as refused credentials", async () => {
    const page = '<html><body><form method="post"><input name="username"><input type="password" name="password"></form></body></html>';
    const stub = await startSimulator({ handle: async () => ({ status: 200, headers: { "content-type": "text/html" }, body: page }) });
    try {
      await expect(ispmanager.checkConnection({ ...conn, url: stub.url }, createAttemptLog())).rejects.toMatchObject({ code: "auth", retryable: false });
    } finally {
      await stub.close();
    }
  });

  it("maps a closed port to a retryable network error", async () => {
    const url = sim.url;
    await sim.close();
    const error = await ispmanager.checkConnection({ ...conn, url }, createAttemptLog()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModuleError);
    expect(error).toMatchObject({ code: "network", retryable: true });
    sim = await startIspmanagerSimulator(ADMIN);
  });

  it("is inspected and steered over /__sim/", async () => {
    await openToDone(ispmanager, context(conn, makeService()));
    const faults = await fetch(`${sim.url}/__sim/faults`, { method: "POST", body: JSON.stringify({ failNext: 2, slowMs: 5 }) });
    expect((await faults.json()).faults).toMatchObject({ failNext: 2, slowMs: 5 });
    expect(sim.faults.failNext).toBe(2);
    const state = await (await fetch(`${sim.url}/__sim/state`)).json();
    expect(state.state.users).toHaveLength(1);
    expect(JSON.stringify(state)).not.toMatch(/passwordHash|Pw!/);
    await fetch(`${sim.url}/__sim/reset`, { method: "POST" });
    expect(sim.faults.failNext).toBe(0);
    expect(Object.keys(sim.state.users)).toHaveLength(0);
  });

  it("slowChangeMs delays only calls with sok=ok: a read started with a create answers first", async () => {
    sim.setFaults({ slowChangeMs: 150 });
    const finished: string[] = [];
    const service = makeService();
    const create = ispmanager.open(context(conn, service)).then(() => finished.push("open"));
    await new Promise((r) => setTimeout(r, 20));
    await call(conn, createAttemptLog(), "user").then(() => finished.push("read"));
    await create;
    expect(finished).toEqual(["read", "open"]);
    expect(sim.state.users[service.remoteName]).toBeDefined();
  });

  it("validates its connection form", () => {
    expect(ispmanager.connection.safeParse({ url: "http://127.0.0.1:4101", username: "a", password: "b", timeoutMs: "500" }).success).toBe(true);
    expect(ispmanager.connection.safeParse({ url: "ftp://x", username: "a", password: "b" }).success).toBe(false);
    expect(ispmanager.connectionFields.filter((f) => f.secret).map((f) => f.key)).toEqual(["password"]);
  });
});

describe("ispmanager endpoint", () => {
  it("is the base URL's /ispmgr, with no query, the same on every call", () => {
    for (let i = 0; i < 2; i++) {
      expect(endpoint("https://panel.example.test:1500")).toBe("https://panel.example.test:1500/ispmgr");
      expect(endpoint("https://panel.example.test:1500/manager/")).toBe("https://panel.example.test:1500/manager/ispmgr");
      expect(endpoint("https://panel.example.test/ispmgr?func=logon")).toBe("https://panel.example.test/ispmgr");
    }
    expect(() => endpoint("not a url")).toThrow();
  });
});

describe("ispmanager isOurs", () => {
  const user = (fullname: string, comment = "") => ({ name: "prv1", fullname, comment, active: true, preset: "StarterPack" }) as Parameters<typeof isOurs>[0];
  it("takes the marker only as a whole word, in the full name or the comment", () => {
    const service = { id: 12 };
    expect(isOurs(user("provisio-service-12"), service)).toBe(true);
    expect(isOurs(user("Site of Ann (provisio-service-12)"), service)).toBe(true);
    expect(isOurs(user("", "moved, provisio-service-12"), service)).toBe(true);
    expect(isOurs(user("provisio-service-123"), service)).toBe(false);
    expect(isOurs(user("provisio-service-12-old"), service)).toBe(false);
    expect(isOurs(user("xprovisio-service-12"), service)).toBe(false);
    expect(isOurs(user("provisio-service-1"), service)).toBe(false);
    expect(isOurs(user("provisio-service-123 provisio-service-12"), service)).toBe(true);
    expect(isOurs(user("", ""), service)).toBe(false);
  });
});
