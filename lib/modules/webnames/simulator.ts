import type { IncomingMessage } from "node:http";
import { startSimulator, type SimReply, type Simulator } from "../simulator-server";
import { beyondMaximum, MAX_YEARS, redelegate } from "./simulator-manage";

/**
 * The Webnames RegTimeSRS.pl form protocol (protocols.md §5) in memory. §5 is partial: the form
 * fields, the "Success: …" / "Error: …" reply lines and the approval status line are sourced; every
 * other wording and rule is marked (unconf.) where it is made.
 */

export type WnDomain = {
  name: string;
  /** "us" through this account, "other" for the exists fault (held by someone else). */
  owner: "us" | "other";
  status: "pending" | "approved" | "errsent";
  /** Status polls left before a pending registration is approved. */
  pollsLeft: number;
  expiresAt: string;
  createdAt?: string;
  nameservers: string[];
  contact: Record<string, string>;
  renewals: number;
};

export type WnCall = { page: string; params: Record<string, string> };

export type WnSettings = {
  /** Status polls a new registration stays pending for; 0 approves at once. */
  approvalPolls: number;
  /** The next registration ends as errsent. */
  rejectNext: boolean;
};

export type WnState = {
  domains: Record<string, WnDomain>;
  calls: WnCall[];
  /** pispGetApprovalStatus calls per domain: real clients report bans for polling too often. */
  polls: Record<string, number>;
};

export type WebnamesSimulator = Simulator & {
  state: WnState;
  settings: WnSettings;
  /** A domain registered by someone else, not through this account. */
  plantForeign(name: string): void;
};

type Params = Record<string, string>;

// (unconf.) every reply wording below except the approval status line; they live here only.
const say = {
  // joonte/jbs WebNames.php reads the balance with /Success:\sbalance\s-\s/.
  balance: () => "Success: balance - 1000.00",
  available: (d: string, free: boolean) => `Success: Domain ${d} is ${free ? "available" : "not available"}`,
  accepted: (d: string) => `Success: Registration request for ${d} accepted`,
  status: (s: string) => `Success: Domain status is '${s}'`,
  renewed: (d: string, till: string) => `Success: Domain ${d} renewed till ${till}`,
  taken: (d: string) => `Error: Domain ${d} is already registered`,
  notFound: (d: string) => `Error: Domain ${d} not found in your account`,
  notReady: (d: string) => `Error: Domain ${d} is not approved yet, renewal is not allowed`,
  badName: (d: string) => `Error: Invalid domain name '${d}'`,
  badPeriod: () => "Error: Invalid period",
  noNs: () => "Error: At least one name server (ns0) is required",
  auth: () => "Error: Authentication failed: wrong login or password",
  unknownPage: (p: string) => `Error: Unknown thisPage '${p}'`,
  temporary: () => "Error: Temporary failure, try again later",
};

// joonte/jbs: one line per domain of the account; (unconf.) the Status letter.
const domainLine = (d: WnDomain) => `Domain ${d.name}; Status N; CreationDate ${d.createdAt ?? ""}; ExpirationDate ${d.expiresAt}; FutureExpDate ;`;
// (unconf.) which zones have the registrar's manual check; joonte/jbs reads N/A as nothing to approve.
const CHECKED_ZONES = new Set(["ru", "su", "xn--p1ai"]);
const checked = (name: string) => CHECKED_ZONES.has(name.split(".").pop() ?? "");

const CHANGES = new Set(["pispRegistration", "pispRenewDomain", "pispRedelegation"]);
const DOMAIN = /^(?=.{4,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:[a-z]{2,63}|xn--[a-z0-9-]{2,59})$/;
const SECRET = new Set(["password"]);
const ymd = (date: Date) => date.toISOString().slice(0, 10);
const inYears = (from: Date, years: number) => {
  const next = new Date(from);
  next.setUTCFullYear(next.getUTCFullYear() + years);
  return next;
};

const foreignDomain = (name: string): WnDomain => ({
  name, owner: "other", status: "approved", pollsLeft: 0, expiresAt: ymd(inYears(new Date(), 1)),
  nameservers: ["ns1.elsewhere.example"], contact: {}, renewals: 0,
});

const text = (body: string): SimReply => ({ status: 200, headers: { "content-type": "text/plain; charset=utf-8" }, body });

function readParams(req: IncomingMessage, body: string, url: URL): Params {
  const params: Params = Object.fromEntries(url.searchParams);
  if (req.method === "POST" && body) Object.assign(params, Object.fromEntries(new URLSearchParams(body)));
  return params;
}

const redacted = (params: Params): Params =>
  Object.fromEntries(Object.entries(params).map(([k, v]) => [k, SECRET.has(k) ? "***" : v]));

export async function startWebnamesSimulator(
  options: { port?: number; host?: string; username?: string; password?: string; approvalPolls?: number } = {},
): Promise<WebnamesSimulator> {
  const username = options.username ?? "reseller";
  const password = options.password ?? "secret";
  const state: WnState = { domains: {}, calls: [], polls: {} };
  const settings: WnSettings = { approvalPolls: options.approvalPolls ?? 0, rejectNext: false };

  function foreignOnFault(name: string) {
    if (!sim.faults.exists) return;
    sim.faults.exists = false;
    state.domains[name] ??= foreignDomain(name);
  }

  function register(p: Params): string | "drop" {
    const name = (p.domain_name ?? "").toLowerCase();
    // (unconf.) the registrar's domain syntax check.
    if (!DOMAIN.test(name)) return say.badName(name);
    foreignOnFault(name);
    if (state.domains[name]) return say.taken(name);
    // §5: period in years; (unconf.) the 1–10 range, as at the registries.
    const period = Number(p.period);
    if (!Number.isInteger(period) || period < 1 || period > 10) return say.badPeriod();
    // §5: name servers come as ns0..ns3; (unconf.) at least one is required.
    const nameservers = [p.ns0, p.ns1, p.ns2, p.ns3].filter((ns): ns is string => Boolean(ns));
    if (!nameservers.length) return say.noNs();
    const known = new Set(["username", "password", "thisPage", "domain_name", "period", "ns0", "ns1", "ns2", "ns3", "interface_revision", "interface_lang"]);
    const contact = Object.fromEntries(Object.entries(p).filter(([k]) => !known.has(k) && !/^ns\dip$/.test(k)));
    if (sim.faults.ignoreCreate) {
      sim.faults.ignoreCreate = false;
      // (unconf.) a registration answered as accepted that never reaches the account: only the status read-back tells.
      return say.accepted(name);
    }
    const rejected = settings.rejectNext;
    settings.rejectNext = false;
    state.domains[name] = {
      name, owner: "us", status: rejected ? "errsent" : settings.approvalPolls > 0 && checked(name) ? "pending" : "approved",
      pollsLeft: settings.approvalPolls, expiresAt: ymd(inYears(new Date(), period)), createdAt: ymd(new Date()), nameservers, contact, renewals: 0,
    };
    if (sim.faults.loseAnswer) {
      sim.faults.loseAnswer = false;
      return "drop";
    }
    return say.accepted(name);
  }

  function status(p: Params): string {
    const name = (p.domain_name ?? "").toLowerCase();
    state.polls[name] = (state.polls[name] ?? 0) + 1;
    const domain = state.domains[name];
    // §5: the status is pending, approved, errsent, or N/A for a domain this account does not hold,
    // and (joonte/jbs) for one in a zone without the registrar's manual check.
    if (!domain || domain.owner !== "us") return say.status("N/A");
    if (!checked(domain.name)) return say.status(domain.status === "errsent" ? "errsent" : "N/A");
    // (unconf.) how long approval takes: a setting of the simulator, counted in status polls.
    if (domain.status === "pending" && --domain.pollsLeft <= 0) domain.status = "approved";
    return say.status(domain.status);
  }

  function renew(p: Params): string {
    const name = (p.domain_name ?? "").toLowerCase();
    const domain = state.domains[name];
    // (unconf.) a renewal needs an approved domain of this account; the answer names the new expiry.
    if (!domain || domain.owner !== "us" || domain.status === "errsent") return say.notFound(name);
    if (domain.status !== "approved") return say.notReady(name);
    const period = Number(p.period);
    if (!Number.isInteger(period) || period < 1 || period > 10) return say.badPeriod();
    if (beyondMaximum(domain.expiresAt, period)) return `Error: ${name} cannot be renewed more than ${MAX_YEARS} years ahead`;
    domain.expiresAt = ymd(inYears(new Date(`${domain.expiresAt}T00:00:00Z`), period));
    domain.renewals += 1;
    return say.renewed(name, domain.expiresAt);
  }

  function answer(p: Params): string | "drop" {
    // §5: username and password travel in every form; (unconf.) the wording of the refusal.
    if (p.username !== username || p.password !== password) return say.auth();
    // (unconf.) the ambiguous fault: a change answered with a page that is neither "Success:" nor "Error:"; nothing is done.
    if (CHANGES.has(p.thisPage ?? "") && sim.faults.ambiguous) return "<html><body>Request received</body></html>";
    switch (p.thisPage) {
      case "pispBalance":
        return say.balance();
      case "pispCheckDomain": {
        // §5: pispCheckDomain takes domain_name; (unconf.) the revision 1 "available" / "not available" wording.
        const name = (p.domain_name ?? "").toLowerCase();
        if (!DOMAIN.test(name)) return p.interface_revision === "2" ? JSON.stringify({ error: say.badName(name).slice(7) }) : say.badName(name);
        foreignOnFault(name);
        const free = !state.domains[name];
        // joonte/jbs: revision 2 answers JSON, {"success": {<group>: [{"dname", …}]}} with taken names in
        // "unavail"; (unconf.) the other group's name and the price fields.
        if (p.interface_revision === "2") {
          return JSON.stringify({ success: free ? { avail: [{ dname: name, price: "199.00", currency: "RUB" }] } : { unavail: [{ dname: name }] } });
        }
        return say.available(name, free);
      }
      case "pispAllDomainsInfo": {
        const ours = Object.values(state.domains).filter((d) => d.owner === "us");
        return ["Success:", ...ours.map(domainLine)].join("\n");
      }
      case "pispRegistration":
        return register(p);
      case "pispGetApprovalStatus":
        return status(p);
      case "pispRenewDomain":
        return renew(p);
      case "pispRedelegation":
        // §5: pispRedelegation takes ns0..ns3 and ns0ip..; (unconf.) its rules and answer.
        return redelegate(state.domains[(p.domain_name ?? "").toLowerCase()], p, say.notFound);
      default:
        // §5 lists the pages; (unconf.) the answer to any other.
        return say.unknownPage(p.thisPage ?? "");
    }
  }

  const sim = await startSimulator({
    port: options.port,
    host: options.host,
    async handle(req, body, url) {
      if (url.pathname !== "/RegTimeSRS.pl") return { status: 404, body: "Not Found" };
      const params = readParams(req, body, url);
      state.calls.push({ page: params.thisPage ?? "", params: redacted(params) });
      const reply = answer(params);
      return reply === "drop" ? { status: 200, body: "", drop: true } : text(reply);
    },
    panelError: () => text(say.temporary()),
    inspect: () => ({ domains: Object.values(state.domains), calls: state.calls, polls: state.polls, settings }),
    reset() {
      state.domains = {};
      state.calls = [];
      state.polls = {};
      Object.assign(settings, { approvalPolls: options.approvalPolls ?? 0, rejectNext: false });
    },
  });

  return {
    ...sim,
    state,
    settings,
    plantForeign(name) {
      state.domains[name] = foreignDomain(name);
    },
  };
}
