import { createHash, randomBytes } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { startSimulator, type Simulator } from "../simulator-server";
import { defaultVariants, render, reshape, type IspVariants } from "./simulator-doc";

export type { IspVariants };

/**
 * An ISPmanager 5/6 panel in memory, speaking protocols.md §1 on /ispmgr. Every behaviour below
 * says where its fact comes from; "(unconf.)" marks the reading chosen where no source confirms it.
 */

export type IspUser = {
  name: string;
  fullname: string;
  comment: string;
  preset: string;
  active: boolean;
  /** sha256 of the password; never answered over the protocol nor shown in inspection. */
  passwordHash: string;
  /** Who made the user: "api" through this panel's API, "other" for a planted or exists-fault user. */
  owner: "api" | "other";
  domain?: string;
  limits: Record<string, string>;
};

export type IspCall = { func: string; params: Record<string, string>; at: number };

export type IspState = {
  users: Record<string, IspUser>;
  presets: Record<string, Record<string, string>>;
  calls: IspCall[];
};

export type IspmanagerSimulator = Simulator & {
  state: IspState;
  variants: IspVariants;
  addPreset(name: string, limits?: Record<string, string>): void;
  /** A healthy user of someone else with this name (no marker of ours). */
  plantForeign(name: string): void;
};

type Node = Record<string, unknown>;
type Params = Record<string, string>;
type Answer = Node | "drop";

const seedPresets = (): IspState["presets"] => ({
  StarterPack: { limit_quota: "1024", limit_db: "1", limit_webdomains: "1" },
  AdvancedPack: { limit_quota: "10240", limit_db: "10", limit_webdomains: "10" },
});
const SECRET_PARAMS = new Set(["passwd", "confirm", "password"]);
// §1: a session from func=auth is valid 1 h idle.
const SESSION_IDLE_MS = 60 * 60 * 1000;
// (unconf.) the exact login rule: lower-case latin letter first, then letters, digits, "_", "-", up to 32.
const LOGIN = /^[a-z][a-z0-9_-]{0,31}$/;
// (unconf.) the password rule: the panel refuses short passwords with an error on object passwd (§1 "bad password").
const MIN_PASSWORD = 6;
// §1: these functions are forms ("Function type: form"): without sok=ok they only answer the form.
const FORMS = new Set(["user.edit", "user.add", "user.add.finish", "preset.edit"]);
// Functions that change something: the ambiguous fault answers them with neither ok nor error.
const CHANGES = new Set(["user.edit", "user.add", "user.add.finish", "user.suspend", "user.resume", "user.delete"]);

const hash = (value: string) => createHash("sha256").update(value).digest("hex");
const text = (value: string) => ({ $: value });
// §1: a committed change answers <doc><ok/></doc>, JSON doc.ok.
const ok = (): Node => ({ ok: {} });
// §1: errors are HTTP 200 with doc.error.$type, .$object and .msg.$.
const error = (type: string, object: string, msg: string): Node => ({
  error: { $type: type, ...(object ? { $object: object } : {}), $lang: "en", msg: text(msg) },
});
// §1: the bare form of user.add.finish without sok=ok, e.g. {"doc":{"name":{"$":""}}}.
const blankForm = (): Node => ({ name: text(""), fullname: text(""), preset: text("") });

function readParams(req: IncomingMessage, body: string, url: URL): Params {
  const params: Params = Object.fromEntries(url.searchParams);
  if (req.method === "POST" && body) Object.assign(params, Object.fromEntries(new URLSearchParams(body)));
  return params;
}

function redacted(params: Params): Params {
  const out: Params = {};
  for (const [key, value] of Object.entries(params)) {
    if (SECRET_PARAMS.has(key)) out[key] = "***";
    else if (key === "authinfo") out[key] = `${value.split(":")[0]}:***`;
    else out[key] = value;
  }
  return out;
}

const limitsOf = (params: Params) => Object.fromEntries(Object.entries(params).filter(([k]) => k.startsWith("limit_")));
// §1: elid takes several names separated by ", ".
const elids = (params: Params) => (params.elid ?? "").split(", ").filter(Boolean);

/** The user.edit form (with elid), or a row of the user list (without). */
function userForm(user: IspUser, withElid = true): Node {
  const form: Node = {
    ...(withElid ? { elid: text(user.name) } : {}),
    name: text(user.name),
    fullname: text(user.fullname),
    comment: text(user.comment),
    preset: text(user.preset),
    // joonte/jbs IspManager5.php: the rows of func=user carry active on|off; (unconf.) whether the
    // user.edit form does too, so the form leaves it out and a client must read the list.
    ...(withElid ? {} : { active: text(user.active ? "on" : "off") }),
  };
  if (user.domain) form.domain = text(user.domain);
  for (const [key, value] of Object.entries(user.limits)) form[key] = text(value);
  return form;
}

const foreignUser = (name: string): IspUser => ({
  name, fullname: "Someone Else", comment: "", preset: "StarterPack", active: true,
  passwordHash: hash(randomBytes(8).toString("hex")), owner: "other", limits: {},
});

export async function startIspmanagerSimulator(
  options: { port?: number; host?: string; username?: string; password?: string } = {},
): Promise<IspmanagerSimulator> {
  const username = options.username ?? "admin";
  const password = options.password ?? "secret";
  const state: IspState = { users: {}, presets: seedPresets(), calls: [] };
  const variants = defaultVariants();
  const sessions = new Map<string, number>();

  // §1: authinfo=user:pass on every call, or auth=SID from func=auth.
  const authorized = (params: Params) => {
    if (params.authinfo !== undefined) {
      const at = params.authinfo.indexOf(":");
      return params.authinfo.slice(0, at) === username && params.authinfo.slice(at + 1) === password;
    }
    const seen = params.auth ? sessions.get(params.auth) : undefined;
    if (seen === undefined || Date.now() - seen > SESSION_IDLE_MS) return false;
    sessions.set(params.auth, Date.now());
    return true;
  };

  function create(params: Params): Answer {
    const name = params.name ?? "";
    // §1: bad login name -> value/name.
    if (!LOGIN.test(name)) return error("value", "name", `Invalid user name '${name}'`);
    if (sim.faults.exists) {
      sim.faults.exists = false;
      state.users[name] ??= foreignUser(name);
    }
    // §1: duplicate user -> exists/user.
    if (state.users[name]) return error("exists", "user", `User '${name}' already exists`);
    // §1: bad password -> object passwd.
    if (!params.passwd || params.passwd.length < MIN_PASSWORD) return error("value", "passwd", "The password is too weak");
    if (params.confirm !== undefined && params.confirm !== params.passwd) return error("value", "passwd", "Passwords do not match");
    const preset = params.preset ?? "";
    // §1: unknown preset -> missed/preset.
    if (preset && !state.presets[preset]) return error("missed", "preset", `Template '${preset}' not found`);
    if (sim.faults.ignoreCreate) {
      sim.faults.ignoreCreate = false;
      // §1: the real panel ignores a create it does not act on by answering the blank form (HTTP 200, no error).
      return blankForm();
    }
    state.users[name] = {
      name, fullname: params.fullname ?? "", comment: params.comment ?? "", preset, active: true,
      passwordHash: hash(params.passwd), owner: "api",
      // ispmanager's WHMCS module (ISPmanager 6): the site is webdomain_name; joonte/jbs (ISPmanager 5): domain.
      ...(params.webdomain_name || params.domain ? { domain: params.webdomain_name || params.domain } : {}),
      limits: { ...state.presets[preset], ...limitsOf(params) },
    };
    if (sim.faults.loseAnswer) {
      sim.faults.loseAnswer = false;
      return "drop";
    }
    return ok();
  }

  function edit(params: Params): Answer {
    // §1: user.edit with sok=ok and no elid creates, as user.add does.
    if (!params.elid) return params.sok === "ok" ? create(params) : blankForm();
    const user = state.users[params.elid];
    // §1: unknown elid on edit -> value/elid; (unconf.) some versions answer the blank form instead.
    if (!user) return variants.missingUserForm === "blank" && params.sok !== "ok" ? blankForm() : error("value", "elid", `No user '${params.elid}'`);
    // §1: without sok=ok a form only answers its current values, including elid.
    if (params.sok !== "ok") return userForm(user);
    if (params.preset !== undefined && params.preset !== user.preset) {
      if (!state.presets[params.preset]) return error("missed", "preset", `Template '${params.preset}' not found`);
      user.preset = params.preset;
      user.limits = { ...state.presets[params.preset] };
    }
    if (params.fullname !== undefined) user.fullname = params.fullname;
    if (params.comment !== undefined) user.comment = params.comment;
    if (params.passwd) user.passwordHash = hash(params.passwd);
    Object.assign(user.limits, limitsOf(params));
    return ok();
  }

  function setActive(params: Params, active: boolean): Node {
    const names = elids(params);
    const unknown = names.find((n) => !state.users[n]);
    // §1: unknown user on suspend/resume -> missed/users.
    if (!names.length || unknown !== undefined) return error("missed", "users", `No user '${unknown ?? ""}'`);
    for (const n of names) state.users[n].active = active;
    return groupOk();
  }

  function remove(params: Params): Node {
    const names = elids(params);
    const unknown = names.find((n) => !state.users[n]);
    // §1: unknown elid on delete -> value/elid.
    if (!names.length || unknown !== undefined) return error("value", "elid", `No user '${unknown ?? ""}'`);
    for (const n of names) delete state.users[n];
    return groupOk();
  }

  const userList = (): Node => ({ elem: Object.values(state.users).map((user) => userForm(user, false)) });
  const groupOk = (): Node => (variants.groupOpAnswer === "list" ? userList() : ok());

  function answer(params: Params): Answer {
    const func = params.func ?? "";
    if (func === "auth") {
      // §1: bad credentials -> error type auth.
      if (params.username !== username || params.password !== password) return error("auth", "", "Wrong user name or password");
      const id = randomBytes(12).toString("hex");
      sessions.set(id, Date.now());
      return { auth: { $id: id } };
    }
    if (!authorized(params)) return error("auth", "", "Authorization required");
    // §1: a form function without sok=ok returns the form and changes nothing.
    if (FORMS.has(func) && params.sok !== "ok" && !params.elid) return blankForm();
    const changing = CHANGES.has(func) && (!FORMS.has(func) || params.sok === "ok");
    if (changing && sim.faults.ambiguous) {
      // (unconf.) a doc with neither ok nor error, e.g. a banner; §1 says such an answer is not success.
      return { $func: func, banner: { $id: "notice", msg: text("The request was queued") } };
    }
    switch (func) {
      case "user":
        return userList();
      case "user.edit":
        return edit(params);
      case "user.add":
      case "user.add.finish":
        return create(params);
      case "user.suspend":
        return setActive(params, false);
      case "user.resume":
        return setActive(params, true);
      case "user.delete":
        return remove(params);
      case "preset":
        return { elem: Object.entries(state.presets).map(([name, limits]) => ({ name: text(name), ...mapText(limits) })) };
      case "preset.edit": {
        const limits = state.presets[params.elid ?? ""];
        if (!limits) return error("value", "elid", `No template '${params.elid ?? ""}'`);
        return { elid: text(params.elid), name: text(params.elid), ...mapText(limits) };
      }
      default:
        return error("missed", "func", `Unknown function '${func}'`);
    }
  }

  const sim = await startSimulator({
    port: options.port,
    host: options.host,
    async handle(req, body, url) {
      if (url.pathname !== "/ispmgr") return { status: 404, body: "Not Found" };
      const params = readParams(req, body, url);
      state.calls.push({ func: params.func ?? "", params: redacted(params), at: performance.now() + performance.timeOrigin });
      const doc = answer(params);
      if (doc === "drop") return { status: 200, body: "", drop: true };
      return render(params, reshape(doc, variants) as Node);
    },
    panelError: (req, body, url) => render(readParams(req, body, url), error("sys", "", "Internal panel error, try later")),
    // §1: a form function changes something only with sok=ok.
    isChange: (req, body, url) => readParams(req, body, url).sok === "ok",
    inspect: () => ({
      users: Object.values(state.users).map(({ passwordHash: _hidden, ...user }) => user),
      presets: state.presets,
      calls: state.calls,
    }),
    reset() {
      state.users = {};
      state.presets = seedPresets();
      state.calls = [];
      sessions.clear();
      Object.assign(variants, defaultVariants());
    },
  });

  return {
    ...sim,
    state,
    variants,
    addPreset(name, limits = {}) {
      state.presets[name] = limits;
    },
    plantForeign(name) {
      state.users[name] = foreignUser(name);
    },
  };
}

const mapText = (values: Record<string, string>): Node =>
  Object.fromEntries(Object.entries(values).map(([k, v]) => [k, text(v)]));

