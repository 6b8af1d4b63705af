import { createHash, randomBytes } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { startSimulator, type SimReply, type Simulator } from "../simulator-server";
import { defaultWhmVariants, denied, prefixed, reshapeEnvelope, type WhmVariants } from "./simulator-variants";

export type { WhmVariants };

/**
 * A cPanel/WHM server in memory, speaking WHM API 1 (protocols.md §2) on /json-api/<fn>. Every
 * behaviour says where its fact comes from; "(unconf.)" marks the reading chosen without a source.
 */

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
  /** "api" through this server's API, "other" for a planted or exists-fault account. */
  owner: "api" | "other";
};

export type WhmCall = { fn: string; params: Record<string, string> };

/** §2 hazard (boxbilling#19): the account is created, then the answer is the "group exists" failure. */
export type CreateHazard = "group_exists" | null;

export type WhmState = {
  accounts: Record<string, WhmAccount>;
  packages: Record<string, Record<string, string>>;
  calls: WhmCall[];
  hazard: CreateHazard;
  /** Extra delay per function, in ms: §2 says createacct and removeacct take tens of seconds. */
  slow: Record<string, number>;
};

export type CpanelSimulator = Simulator & {
  state: WhmState;
  variants: WhmVariants;
  setHazard(hazard: CreateHazard): void;
  /** A healthy account of someone else with this user name (other contact email and domain). */
  plantForeign(user: string): void;
};

type Params = Record<string, string>;
type Reply = { data?: unknown; reason: string; result?: 0 | 1 };
type Answer = Reply | "drop";

const ACCOUNT_IP = "203.0.113.10";
const NAMESERVERS = { nameserver: "ns1.provisio.test", nameserver2: "ns2.provisio.test", nameserver3: "", nameserver4: "" };
// §2: username ≤ 16, lower-case letters and digits, no leading digit.
const USERNAME = /^[a-z][a-z0-9]{0,15}$/;
// §2: reserved names and prefixes (test, cpanel, …); (unconf.) the rest of the list.
const RESERVED = /^(test|cpanel|root|admin|mysql|postgres|virtfs|all)/;
// (unconf.) the domain syntax WHM accepts.
const DOMAIN = /^(?=.{4,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:[a-z]{2,63}|xn--[a-z0-9-]{2,59})$/;
// §2: WHM's default minimum password strength.
const MIN_STRENGTH = 65;
// Functions that change an account: the ambiguous fault answers them without doing anything.
const CHANGES = new Set(["createacct", "suspendacct", "unsuspendacct", "removeacct", "changepackage"]);

const seedPackages = (): WhmState["packages"] => ({
  default: { QUOTA: "unlimited", BWLIMIT: "unlimited", MAXSQL: "unlimited" },
  starter: { QUOTA: "1024", BWLIMIT: "10240", MAXSQL: "1" },
  business: { QUOTA: "10240", BWLIMIT: "102400", MAXSQL: "10" },
});
const hash = (value: string) => createHash("sha256").update(value).digest("hex");
const json = (status: number, body: unknown): SimReply => ({ status, headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

// §2: {"data":{…},"metadata":{"command","reason","result","version":1,"output":{"raw"}}}.
function envelope(fn: string, answer: Reply, variants = defaultWhmVariants()): SimReply {
  const result = answer.result ?? 1;
  return json(200, reshapeEnvelope({
    ...(answer.data !== undefined ? { data: answer.data } : {}),
    metadata: { command: fn, reason: answer.reason, result, version: 1, output: { raw: answer.reason } },
  }, variants));
}

// §2: without api.version=1 WHM answers the legacy API 0 shape, result[0].status/statusmsg.
const api0 = (answer: Reply): SimReply => json(200, { result: [{ status: answer.result ?? 1, statusmsg: answer.reason }] });

const fail = (reason: string): Reply => ({ reason, result: 0 });
const ok = (reason = "OK", data?: unknown): Reply => ({ reason, data });

/** (unconf.) a stand-in for WHM's strength meter: length and character classes. */
function strength(password: string): number {
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/].filter((re) => re.test(password)).length;
  return Math.min(100, password.length * 4 + (classes - 1) * 10);
}

function readParams(req: IncomingMessage, body: string, url: URL): Params {
  const params: Params = Object.fromEntries(url.searchParams);
  if (req.method === "POST" && body) Object.assign(params, Object.fromEntries(new URLSearchParams(body)));
  return params;
}

const redacted = (params: Params): Params => ({ ...params, ...(params.password ? { password: "***" } : {}), ...(params.pass ? { pass: "***" } : {}) });

// §2: listaccts rows carry user, domain, plan, email, suspended (0/1) and suspendreason.
const acctRow = (a: WhmAccount) => ({
  user: a.user, domain: a.domain, plan: a.plan, email: a.email, ip: a.ip,
  suspended: a.suspended ? 1 : 0, suspendreason: a.suspended ? a.suspendReason : "not suspended", owner: "root",
});

const foreignAccount = (user: string): WhmAccount => ({
  user, domain: `someone-else-${user}.example`, plan: "default", email: "other@example.test", ip: ACCOUNT_IP,
  suspended: false, suspendReason: "", passwordHash: hash("other"), owner: "other",
});

export async function startCpanelSimulator(options: { port?: number; host?: string; username?: string; apiToken?: string } = {}): Promise<CpanelSimulator> {
  // §2: header Authorization: whm root:TOKEN.
  const authorization = `whm ${options.username ?? "root"}:${options.apiToken ?? "SIMTOKEN"}`;
  const state: WhmState = { accounts: {}, packages: seedPackages(), calls: [], hazard: null, slow: {} };
  const variants = defaultWhmVariants();
  // §2: failures on a missing user are often prefixed "API failure: (XID 1a2b3c) ".
  const apiFailure = (reason: string) => fail(prefixed(reason, randomBytes(3).toString("hex"), variants));

  function create(p: Params): Answer {
    const user = p.username ?? "";
    // §2 createacct validation: the username rule and reserved prefixes; reasons are final.
    if (!USERNAME.test(user) || RESERVED.test(user)) return fail(`“${user}” is not a valid username on this system.`);
    if (sim.faults.exists) {
      sim.faults.exists = false;
      state.accounts[user] ??= foreignAccount(user);
    }
    if (state.accounts[user]) return fail(`Sorry, that username (${user}) is taken.`);
    // §2: with MySQL database prefixing the first 8 characters must be unique; (unconf.) the wording.
    const prefix = Object.values(state.accounts).find((a) => a.user.slice(0, 8) === user.slice(0, 8));
    if (prefix) return fail(`The username “${user}” conflicts with the database prefix of the user “${prefix.user}”.`);
    const domain = (p.domain ?? "").toLowerCase();
    // §2: domain is required in 11.120.
    if (!domain) return fail("You must specify a domain name.");
    if (!DOMAIN.test(domain)) return fail(`The system cannot accept “${domain}” as a domain name (invalid characters or form).`);
    const holder = Object.values(state.accounts).find((a) => a.domain === domain);
    if (holder) return fail(`The domain “${domain}” already exists in the userdata for the user “${holder.user}”.`);
    const password = p.password ?? p.pass ?? "";
    if (strength(password) < MIN_STRENGTH) {
      return fail(`Sorry, the password you selected cannot be used because it is too weak and would be too easy to guess. Please select a password with strength rating of ${MIN_STRENGTH} or higher.`);
    }
    // §2: plan omitted → WHM silently uses "default"; an unknown plan is refused ((unconf.) the wording).
    const plan = p.plan || "default";
    if (!state.packages[plan]) return fail("Specified package does not exist.");
    if (sim.faults.ignoreCreate) {
      sim.faults.ignoreCreate = false;
      // (unconf.) a create answered as done that leaves no account (§2 hazards): only a read-back tells.
      return ok("Account Creation Ok", { ip: ACCOUNT_IP, ...NAMESERVERS, package: plan });
    }
    state.accounts[user] = {
      user, domain, plan, email: p.contactemail ?? "", ip: ACCOUNT_IP,
      suspended: false, suspendReason: "", passwordHash: hash(password), owner: "api",
    };
    if (sim.faults.loseAnswer) {
      sim.faults.loseAnswer = false;
      // §2: createacct is slow and clients lose its answer (xmlapi-php#24): the account exists.
      return "drop";
    }
    const hazard = state.hazard;
    state.hazard = null;
    if (hazard === "group_exists") return fail("Sorry, a group for that username already exists.");
    return ok("Account Creation Ok", { ip: ACCOUNT_IP, ...NAMESERVERS, package: plan });
  }

  function listaccts(p: Params): Answer {
    let rows = Object.values(state.accounts);
    if (p.search === undefined) return ok("Ok", { acct: rows.map(acctRow) });
    const field = p.searchtype === "domain" ? "domain" : p.searchtype === "package" ? "plan" : p.searchtype === "owner" ? "user" : "user";
    if (p.searchmethod === "exact") {
      rows = rows.filter((a) => a[field] === p.search);
      // §2: an exact search with no match is result 0, reason "No accounts found.".
      // (unconf.) whether the miss carries the "(XID …)" prefix: only with the "xid" variant here.
      return rows.length ? ok("Ok", { acct: rows.map(acctRow) }) : variants.reasonPrefix === "xid" ? apiFailure("No accounts found.") : fail("No accounts found.");
    }
    // §2: otherwise search is a case-insensitive regex; a regex that matches nothing is result 1 with no data.
    rows = rows.filter((a) => new RegExp(p.search, "i").test(a[field]));
    return rows.length ? ok("Ok", { acct: rows.map(acctRow) }) : ok("Ok");
  }

  function withAccount(user: string | undefined, action: (a: WhmAccount) => Answer): Answer {
    const account = state.accounts[user ?? ""];
    // §2: suspendacct / unsuspendacct / removeacct on a missing user.
    return account ? action(account) : apiFailure(`You do not have a user named “${user ?? ""}”.`);
  }

  function answer(fn: string, p: Params): Answer {
    switch (fn) {
      case "version":
        return ok("OK", { version: "11.120.0.9" });
      case "listpkgs":
        return ok("OK", { pkg: Object.entries(state.packages).map(([name, limits]) => ({ name, ...limits })) });
      case "listaccts":
        return listaccts(p);
      case "accountsummary": {
        const account = state.accounts[p.user ?? ""];
        // §2: accountsummary for a missing account: result 0, "Account does not exist.", data.acct null.
        return account ? ok("OK", { acct: [acctRow(account)] }) : { ...fail("Account does not exist."), data: { acct: null } };
      }
      case "listsuspended":
        // §2: data.account[]{user,reason,owner,is_locked,time,unixtime}.
        return ok("OK", {
          account: Object.values(state.accounts).filter((a) => a.suspended)
            .map((a) => ({ user: a.user, reason: a.suspendReason, owner: "root", is_locked: 0, time: "", unixtime: 0 })),
        });
      case "createacct":
        return create(p);
      case "suspendacct":
        return withAccount(p.user, (a) => {
          // §2: repeating suspendacct succeeds.
          a.suspended = true;
          a.suspendReason = p.reason ?? "";
          return ok("OK");
        });
      case "unsuspendacct":
        return withAccount(p.user, (a) => {
          a.suspended = false;
          return ok("OK");
        });
      case "removeacct":
        // §2: removeacct takes username (user is deprecated); reason "<user> account removed".
        return withAccount(p.username ?? p.user, (a) => {
          delete state.accounts[a.user];
          return ok(`${a.user} account removed`);
        });
      case "changepackage": {
        const account = state.accounts[p.user ?? ""];
        // §2: changepackage failures: "Sorry, the user X does not exist" / "Specified package does not exist.".
        if (!account) return fail(`Sorry, the user ${p.user ?? ""} does not exist`);
        if (!state.packages[p.pkg ?? ""]) return fail("Specified package does not exist.");
        account.plan = p.pkg;
        return ok(`Account Upgrade/Downgrade Complete for ${account.user}`);
      }
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
      if (req.headers.authorization !== authorization) return denied(variants);
      const params = readParams(req, body, url);
      state.calls.push({ fn, params: redacted(params) });
      if (state.slow[fn]) await new Promise((resolve) => setTimeout(resolve, state.slow[fn]));
      // (unconf.) the ambiguous fault: an API 0 answer to an API 1 change, which changes nothing here.
      if (CHANGES.has(fn) && sim.faults.ambiguous) return api0(ok("OK"));
      const result = answer(fn, params);
      if (result === "drop") return { status: 200, body: "", drop: true };
      return params["api.version"] === "1" ? envelope(fn, result, variants) : api0(result);
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
      state.slow = {};
      Object.assign(variants, defaultWhmVariants());
    },
  });

  return {
    ...sim,
    state,
    variants,
    setHazard(hazard) {
      state.hazard = hazard;
    },
    plantForeign(user) {
      state.accounts[user] = foreignAccount(user);
    },
  };
}
