import { createHash } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { startSimulator, type SimReply, type Simulator } from "../simulator-server";

/** A cPanel/WHM server in memory, speaking WHM API 1 (protocols.md §2) on /json-api/<fn>. */

export type WhmAccount = {
  user: string;
  domain: string;
  plan: string;
  email: string;
  ip: string;
  suspended: boolean;
  suspendReason: string;
  /** sha256 of the password; never answered nor shown in inspection. */
  passwordHash: string;
  /** "api" through this server's API, "other" for the exists fault. */
  owner: "api" | "other";
};

export type WhmCall = { fn: string; params: Record<string, string> };

/**
 * One-shot hazards of createacct (§2): the account is created, then the answer is the "group exists"
 * failure, or never comes.
 */
export type CreateHazard = "group_exists" | "no_answer" | null;

export type WhmState = {
  accounts: Record<string, WhmAccount>;
  packages: Record<string, Record<string, string>>;
  calls: WhmCall[];
  hazard: CreateHazard;
};

export type CpanelSimulator = Simulator & { state: WhmState; setHazard(hazard: CreateHazard): void };

type Params = Record<string, string>;
type Reply = { data?: unknown; reason: string; result?: 0 | 1; status?: number };
type Answer = Reply | "no_answer";

const ACCOUNT_IP = "203.0.113.10";
const NAMESERVERS = { nameserver: "ns1.provisio.test", nameserver2: "ns2.provisio.test", nameserver3: "", nameserver4: "" };
// The username rule of §2: up to 16, lower case, not starting with a digit or "test".
const USERNAME = /^(?!test)[a-z][a-z0-9]{0,15}$/;

const seedPackages = (): WhmState["packages"] => ({
  default: { QUOTA: "unlimited", BWLIMIT: "unlimited", MAXSQL: "unlimited" },
  starter: { QUOTA: "1024", BWLIMIT: "10240", MAXSQL: "1" },
  business: { QUOTA: "10240", BWLIMIT: "102400", MAXSQL: "10" },
});
const hash = (value: string) => createHash("sha256").update(value).digest("hex");

function envelope(fn: string, answer: Reply): SimReply {
  const result = answer.result ?? 1;
  const body = {
    ...(answer.data !== undefined ? { data: answer.data } : {}),
    metadata: { command: fn, reason: answer.reason, result, version: 1, output: { raw: answer.reason } },
  };
  return { status: answer.status ?? 200, headers: { "content-type": "application/json" }, body: JSON.stringify(body) };
}

const fail = (reason: string): Reply => ({ reason, result: 0 });
const ok = (reason = "OK", data?: unknown): Reply => ({ reason, data });

function readParams(req: IncomingMessage, body: string, url: URL): Params {
  const params: Params = Object.fromEntries(url.searchParams);
  if (req.method === "POST" && body) Object.assign(params, Object.fromEntries(new URLSearchParams(body)));
  return params;
}

const redacted = (params: Params): Params => ({ ...params, ...(params.password ? { password: "***" } : {}), ...(params.pass ? { pass: "***" } : {}) });

const acctRow = (a: WhmAccount) => ({
  user: a.user, domain: a.domain, plan: a.plan, email: a.email, ip: a.ip,
  suspended: a.suspended ? 1 : 0, suspendreason: a.suspended ? a.suspendReason : "not suspended", owner: "root",
});

export async function startCpanelSimulator(options: { port?: number; host?: string; username?: string; apiToken?: string } = {}): Promise<CpanelSimulator> {
  const authorization = `whm ${options.username ?? "root"}:${options.apiToken ?? "SIMTOKEN"}`;
  const state: WhmState = { accounts: {}, packages: seedPackages(), calls: [], hazard: null };

  function create(p: Params): Answer {
    const user = p.username ?? "";
    if (!USERNAME.test(user)) return fail(`“${user}” is not a valid username.`);
    if (sim.faults.exists) {
      sim.faults.exists = false;
      state.accounts[user] ??= {
        user, domain: `someone-else-${user}.example`, plan: "default", email: "other@example.test", ip: ACCOUNT_IP,
        suspended: false, suspendReason: "", passwordHash: hash("other"), owner: "other",
      };
    }
    if (state.accounts[user]) return fail(`Sorry, that username (${user}) is taken.`);
    const domain = (p.domain ?? "").toLowerCase();
    if (!domain) return fail("You must specify a domain name.");
    if (Object.values(state.accounts).some((a) => a.domain === domain)) return fail(`Sorry, the domain ${domain} is already owned by another user.`);
    const password = p.password ?? p.pass ?? "";
    if (password.length < 5) return fail("Sorry, the password you selected cannot be used because it is too weak.");
    const plan = p.plan || "default";
    if (!state.packages[plan]) return fail(`Unable to find the package “${plan}”.`);
    state.accounts[user] = {
      user, domain, plan, email: p.contactemail ?? "", ip: ACCOUNT_IP,
      suspended: false, suspendReason: "", passwordHash: hash(password), owner: "api",
    };
    const hazard = state.hazard;
    state.hazard = null;
    if (hazard === "no_answer") return "no_answer";
    if (hazard === "group_exists") return fail("Sorry, a group for that username already exists.");
    return ok("Account Creation Ok", { ip: ACCOUNT_IP, ...NAMESERVERS, package: plan });
  }

  function listaccts(p: Params): Answer {
    let rows = Object.values(state.accounts);
    if (p.search !== undefined) {
      const field = p.searchtype === "domain" ? "domain" : p.searchtype === "package" ? "plan" : "user";
      const matches = p.searchmethod === "exact" ? (v: string) => v === p.search : (v: string) => new RegExp(p.search).test(v);
      rows = rows.filter((a) => matches(a[field]));
    }
    return ok("Ok", { acct: rows.map(acctRow) });
  }

  function withAccount(user: string | undefined, action: (a: WhmAccount) => Answer): Answer {
    const account = state.accounts[user ?? ""];
    return account ? action(account) : fail(`The account “${user ?? ""}” does not exist.`);
  }

  function answer(fn: string, p: Params): Answer {
    switch (fn) {
      case "version":
        return ok("OK", { version: "11.120.0.9" });
      case "listpkgs":
        return ok("OK", { pkg: Object.entries(state.packages).map(([name, limits]) => ({ name, ...limits })) });
      case "listaccts":
        return listaccts(p);
      case "listsuspended":
        return ok("OK", {
          account: Object.values(state.accounts).filter((a) => a.suspended)
            .map((a) => ({ user: a.user, reason: a.suspendReason, owner: "root", is_locked: 0, time: "", unixtime: 0 })),
        });
      case "createacct":
        return create(p);
      case "suspendacct":
        return withAccount(p.user, (a) => {
          a.suspended = true;
          a.suspendReason = p.reason ?? "";
          return ok(`Account ${a.user} suspended`);
        });
      case "unsuspendacct":
        return withAccount(p.user, (a) => {
          a.suspended = false;
          return ok(`Account ${a.user} unsuspended`);
        });
      case "removeacct":
        return withAccount(p.username ?? p.user, (a) => {
          delete state.accounts[a.user];
          return ok(`${a.user} account removed`);
        });
      case "changepackage":
        return withAccount(p.user, (a) => {
          if (!state.packages[p.pkg ?? ""]) return fail(`Unable to find the package “${p.pkg ?? ""}”.`);
          a.plan = p.pkg;
          return ok(`Account Upgrade/Downgrade Complete for ${a.user}`);
        });
      default:
        return fail(`Unknown app (“${fn}”) requested for this version (1) of the API.`);
    }
  }

  const sim = await startSimulator({
    port: options.port,
    host: options.host,
    async handle(req, body, url) {
      const fn = /^\/json-api\/([a-z_]+)$/.exec(url.pathname)?.[1];
      if (!fn) return { status: 404, body: "Not Found" };
      if (req.headers.authorization !== authorization) return envelope(fn, { reason: "Access denied", result: 0, status: 403 });
      const params = readParams(req, body, url);
      state.calls.push({ fn, params: redacted(params) });
      // (unconf.) what WHM answers without api.version=1 (API 0); the simulator only speaks API 1.
      if (params["api.version"] !== "1") return envelope(fn, fail("This simulator only speaks api.version=1"));
      const result = answer(fn, params);
      if (result === "no_answer") return new Promise<SimReply>(() => {});
      return envelope(fn, result);
    },
    panelError: (_req, _body, url) =>
      envelope(url.pathname.split("/").pop() ?? "", fail("Temporary failure: the account database is locked, try again later")),
    inspect: () => ({
      accounts: Object.values(state.accounts).map(({ passwordHash: _hidden, ...account }) => account),
      packages: state.packages,
      calls: state.calls,
    }),
    reset() {
      state.accounts = {};
      state.packages = seedPackages();
      state.calls = [];
      state.hazard = null;
    },
  });

  return {
    ...sim,
    state,
    setHazard(hazard) {
      state.hazard = hazard;
    },
  };
}
