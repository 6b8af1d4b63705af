import { connect } from "node:tls";
import type { ServiceInfo } from "../../lib/modules/contract";
import type { EppConnection } from "../../lib/modules/epp/client";
import { encodeFrame } from "../../lib/modules/epp/frame";
import { contactAuthInfo, contactHandle, domainAuthInfo } from "../../lib/modules/epp/ids";
import type { EppDomain, EppSimulator } from "../../lib/modules/epp/simulator";
import { serviceFactory } from "./kit";

/** What the EPP tests share: the registrar account, services, and planting objects at the simulated registry. */

export const REGISTRAR = { clID: "provisio", password: "epp-S3cret&<pw>" };

export const makeService = serviceFactory(4000, (id) => ({
  productType: "domain",
  remoteName: `shop-${id}.example`,
  params: { nameservers: ["ns1.host.test", "ns2.host.test"] },
  months: 12,
  client: { id: id % 7, name: "Ann & Co <Client>", email: "ann@example.test", phone: "+7.9001234567", country: "ru", city: "Moscow", address: "Tverskaya 1" },
}));

export const connectionOf = (sim: EppSimulator): EppConnection => ({
  host: sim.host, port: sim.eppPort, username: REGISTRAR.clID, password: REGISTRAR.password, caCert: sim.testCert,
});

const domain = (name: string, extra: Partial<EppDomain>): EppDomain => ({
  name, roid: `D-${name}`, clID: REGISTRAR.clID, crDate: "2025-03-01T10:00:00.000Z", exDate: "2027-03-01T10:00:00.000Z", status: ["ok"],
  ns: [], glue: {}, registrant: "someoneelse1", contacts: {}, authInfo: "Another-client-pw1!", pendingInfos: 0, renewals: 0, ...extra,
});

/** A domain of another client of the same registrar account: our sponsor, another authInfo and registrant. */
export function plantForeign(sim: EppSimulator, name: string) {
  sim.state.domains[name] = domain(name, {});
}

/** This service's domain as its create would have left it (authInfo and registrant), with the given changes. */
export function plantOurs(sim: EppSimulator, service: ServiceInfo, extra: Partial<EppDomain> = {}) {
  const conn = connectionOf(sim);
  const handle = contactHandle(conn, service.client.id);
  sim.state.contacts[handle] ??= {
    id: handle, roid: `C-${handle}`, clID: REGISTRAR.clID, postalType: "int", name: service.client.name, city: "Moscow", cc: "RU",
    email: service.client.email, authInfo: contactAuthInfo(conn, handle),
  };
  sim.state.domains[service.remoteName] = domain(service.remoteName, { registrant: handle, authInfo: domainAuthInfo(service), ...extra });
  return sim.state.domains[service.remoteName]!;
}

export const command = (inner: string, clTRID = "t-1") =>
  `<?xml version="1.0"?><epp xmlns="urn:ietf:params:xml:ns:epp-1.0"><command>${inner}<clTRID>${clTRID}</clTRID></command></epp>`;

export const loginFrame = (pw: string, uris: string[] = []) =>
  command(
    `<login><clID>provisio</clID><pw>${pw.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")}</pw>` +
      `<options><version>1.0</version><lang>en</lang></options><svcs>${uris.map((u) => `<objURI>${u}</objURI>`).join("")}</svcs></login>`,
  );

/** Sends frames over a raw TLS connection and returns the raw answers as text, greeting first. */
export async function raw(sim: EppSimulator, frames: string[]): Promise<string[]> {
  const socket = connect({ host: sim.host, port: sim.eppPort, ca: sim.testCert });
  const answers: Buffer[] = [];
  let pending = Buffer.alloc(0);
  return new Promise((resolve, reject) => {
    socket.on("error", reject);
    socket.on("close", () => resolve(answers.map((a) => a.subarray(4).toString())));
    socket.on("data", (chunk: Buffer) => {
      pending = Buffer.concat([pending, chunk]);
      while (pending.length >= 4 && pending.length >= pending.readUInt32BE(0)) {
        answers.push(pending.subarray(0, pending.readUInt32BE(0)));
        pending = pending.subarray(pending.readUInt32BE(0));
        const next = frames[answers.length - 1];
        if (next === undefined) socket.destroy();
        else socket.write(encodeFrame(next));
      }
    });
  });
}

/** The result code of a raw answer. */
export const codeOf = (answer: string | undefined) => /<result code="(\d+)">/.exec(answer ?? "")?.[1];

/** The auth code the registrant got from the losing registrar in the transfer tests. */
export const TRANSFER_CODE = "Tr4nsfer-code!";

/** A domain at another registrar (the losing side of a transfer), with the registrant's auth code. */
export function plantElsewhere(sim: EppSimulator, name: string, extra: Partial<EppDomain> = {}) {
  const roid = `D${Object.keys(sim.state.domains).length + 100}-OTHER`;
  sim.state.domains[name] = domain(name, { roid, clID: "other-registrar", authInfo: TRANSFER_CODE, ns: ["ns1.elsewhere.test"], ...extra });
  return sim.state.domains[name]!;
}

/** Domain, contact and host commands as raw frames, and a logged-in raw session. */
export const domainFrame = (verb: string, inner: string, attrs = "") =>
  command(`<${verb}${attrs}><domain:${verb} xmlns:domain="urn:ietf:params:xml:ns:domain-1.0">${inner}</domain:${verb}></${verb}>`);
export const loggedIn = (sim: EppSimulator, frames: string[]) =>
  raw(sim, [loginFrame(REGISTRAR.password, ["urn:ietf:params:xml:ns:domain-1.0", "urn:ietf:params:xml:ns:contact-1.0", "urn:ietf:params:xml:ns:host-1.0"]), ...frames]).then((a) => a.slice(2));
