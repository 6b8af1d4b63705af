import { CONTACT_NS, DOMAIN_NS, EPP_NS, HOST_NS, type XmlElement } from "./xml";

/**
 * The content models of the IETF EPP schemas for what a client sends (epp-1.0.xsd, eppcom-1.0.xsd,
 * domain-1.0.xsd, contact-1.0.xsd, host-1.0.xsd of RFC 5730–5733): element order inside each sequence,
 * required children, occurrence limits, required attributes and the length and pattern facets that a
 * registry validating against the XSD refuses. `schemaError` names the first rule a command breaks.
 */

/** A facet check on character data or an attribute value: a reason, or null when the value passes. */
type Check = (value: string) => string | null;
type Attrs = Record<string, { check: Check; required?: boolean }>;
type Type = { seq: Particle[]; attrs?: Attrs } | { text: Check; attrs?: Attrs } | { empty: true; attrs?: Attrs } | { any: "other"; attrs?: Attrs } | { skip: true };
type El = { el: string; ns: string; min?: number; max?: number; type: Type };
type Particle = El | { choice: El[]; min?: number; max?: number };

/** xs:token facets: the value after white-space collapse. */
const collapse = (v: string) => v.replace(/[\t\n\r ]+/g, " ").trim();
const token = (min: number, max: number, pattern?: RegExp, what = "token"): Check => (raw) => {
  const v = collapse(raw);
  if ([...v].length < min || [...v].length > max) return `${what} must be ${min}-${max === Infinity ? "" : max} characters, not ${[...v].length}`;
  return pattern && !pattern.test(v) ? `'${v}' is not a valid ${what}` : null;
};
const anyText: Check = () => null;
const oneOf = (...values: string[]): Check => (v) => (values.includes(collapse(v)) ? null : `'${collapse(v)}' is not one of ${values.join(", ")}`);

// eppcom-1.0.xsd and epp-1.0.xsd simple types.
const clIDType = token(3, 16, undefined, "clIDType");
const labelType = token(1, 255, undefined, "labelType");
const minTokenType = token(1, Infinity, undefined, "minTokenType");
const trIDStringType = token(3, 64, undefined, "trIDStringType");
const pwType = token(6, 16, undefined, "epp:pwType");
const language = token(1, 35, /^[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*$/, "language");
// contact-1.0.xsd simple types.
const postalLineType = token(1, 255, undefined, "postalLineType");
const optPostalLineType = token(0, 255, undefined, "optPostalLineType");
const pcType = token(0, 16, undefined, "pcType");
const ccType = token(2, 2, undefined, "ccType");
const e164StringType = token(0, 17, /^(\+[0-9]{1,3}\.[0-9]{1,14})?$/, "e164StringType");
// domain-1.0.xsd: pLimitType is 1–99, the unit y or m; curExpDate is an xs:date.
const pLimitType: Check = (v) => (/^\+?0*([1-9]\d?)$/.test(collapse(v)) ? null : `period '${collapse(v)}' is not 1-99`);
const xsDate = token(10, 16, /^\d{4}-\d\d-\d\d(Z|[+-]\d\d:\d\d)?$/, "xs:date");
// host-1.0.xsd: addrStringType is 3–45, ip is v4 or v6.
const addrStringType = token(3, 45, undefined, "addrStringType");

const E = (ns: string) => (el: string, type: Type, min = 1, max = 1): El => ({ el, ns, type, min, max });
const epp = E(EPP_NS);
const dom = E(DOMAIN_NS);
const con = E(CONTACT_NS);
const hst = E(HOST_NS);
const text = (check: Check, attrs?: Attrs): Type => ({ text: check, attrs });
const seq = (...particles: Particle[]): Type => ({ seq: particles });
const choice = (...options: El[]): Particle => ({ choice: options });
const U = Infinity;

/** eppcom:pwAuthInfoType is a normalizedString with an optional roid; authInfoType is a choice of pw and ext. */
const authInfo = (x: ReturnType<typeof E>) => seq(choice(x("pw", text(anyText)), x("ext", { any: "other" })));

// domain-1.0.xsd
const period = text(pLimitType, { unit: { check: oneOf("y", "m"), required: true } });
const hostAddr = text(addrStringType, { ip: { check: oneOf("v4", "v6") } });
const nsType = seq({ choice: [dom("hostObj", text(labelType), 1, U), dom("hostAttr", seq(dom("hostName", text(labelType)), dom("hostAddr", hostAddr, 0, U)), 1, U)] });
const domainContact = text(clIDType, { type: { check: oneOf("admin", "billing", "tech") } });
const domainStatus = text(anyText, { s: { check: token(1, 64), required: true } });
const addRem = seq(dom("ns", nsType, 0), dom("contact", domainContact, 0, U), dom("status", domainStatus, 0, 11));
const DOMAIN: Record<string, Type> = {
  check: seq(dom("name", text(labelType), 1, U)),
  create: seq(
    dom("name", text(labelType)), dom("period", period, 0), dom("ns", nsType, 0), dom("registrant", text(clIDType), 0),
    dom("contact", domainContact, 0, U), dom("authInfo", authInfo(dom)),
  ),
  delete: seq(dom("name", text(labelType))),
  info: seq(dom("name", text(labelType, { hosts: { check: oneOf("all", "del", "none", "sub") } })), dom("authInfo", authInfo(dom), 0)),
  renew: seq(dom("name", text(labelType)), dom("curExpDate", text(xsDate)), dom("period", period, 0)),
  update: seq(
    dom("name", text(labelType)), dom("add", addRem, 0), dom("rem", addRem, 0),
    dom("chg", seq(dom("registrant", text(token(0, 16)), 0), dom("authInfo", seq(choice(dom("pw", text(anyText)), dom("ext", { any: "other" }), dom("null", { empty: true }))), 0)), 0),
  ),
  // transferType: name, period?, authInfo?.
  transfer: seq(dom("name", text(labelType)), dom("period", period, 0), dom("authInfo", authInfo(dom), 0)),
};

// contact-1.0.xsd
const addrType = seq(
  con("street", text(optPostalLineType), 0, 3), con("city", text(postalLineType)), con("sp", text(optPostalLineType), 0),
  con("pc", text(pcType), 0), con("cc", text(ccType)),
);
const postalType = { type: { check: oneOf("int", "loc"), required: true } };
const postalInfo: Type = { seq: [con("name", text(postalLineType)), con("org", text(optPostalLineType), 0), con("addr", addrType)], attrs: postalType };
const e164 = text(e164StringType, { x: { check: anyText } });
const intLoc = { empty: true as const };
const disclose: Type = {
  seq: [con("name", intLoc, 0, 2), con("org", intLoc, 0, 2), con("addr", intLoc, 0, 2), con("voice", { empty: true }, 0), con("fax", { empty: true }, 0), con("email", { empty: true }, 0)],
  attrs: { flag: { check: oneOf("0", "1", "true", "false"), required: true } },
};
const contactStatus = text(anyText, { s: { check: token(1, 64), required: true } });
const CONTACT: Record<string, Type> = {
  check: seq(con("id", text(clIDType), 1, U)),
  create: seq(
    con("id", text(clIDType)), con("postalInfo", postalInfo, 1, 2), con("voice", e164, 0), con("fax", e164, 0),
    con("email", text(minTokenType)), con("authInfo", authInfo(con)), con("disclose", disclose, 0),
  ),
  delete: seq(con("id", text(clIDType))),
  info: seq(con("id", text(clIDType)), con("authInfo", authInfo(con), 0)),
  // updateType: id, add?, rem?, chg? (chgType: postalInfo{0,2} of optional name, org, addr; voice?, fax?, email?, authInfo?, disclose?).
  update: seq(
    con("id", text(clIDType)), con("add", seq(con("status", contactStatus, 1, 7)), 0), con("rem", seq(con("status", contactStatus, 1, 7)), 0),
    con("chg", seq(
      con("postalInfo", { seq: [con("name", text(postalLineType), 0), con("org", text(optPostalLineType), 0), con("addr", addrType, 0)], attrs: postalType }, 0, 2),
      con("voice", e164, 0), con("fax", e164, 0), con("email", text(minTokenType), 0), con("authInfo", authInfo(con), 0), con("disclose", disclose, 0),
    ), 0),
  ),
};

// host-1.0.xsd
const hostAddRem = seq(hst("addr", hostAddr, 0, U), hst("status", text(anyText, { s: { check: token(1, 64), required: true } }), 0, 7));
const HOST: Record<string, Type> = {
  check: seq(hst("name", text(labelType), 1, U)),
  create: seq(hst("name", text(labelType)), hst("addr", hostAddr, 0, U)),
  delete: seq(hst("name", text(labelType))),
  info: seq(hst("name", text(labelType))),
  // updateType: name, add?, rem? (addr*, status*), chg? (name).
  update: seq(
    hst("name", text(labelType)), hst("add", hostAddRem, 0), hst("rem", hostAddRem, 0), hst("chg", seq(hst("name", text(labelType))), 0),
  ),
};

const OBJECTS: Record<string, Record<string, Type>> = { [DOMAIN_NS]: DOMAIN, [CONTACT_NS]: CONTACT, [HOST_NS]: HOST };

// epp-1.0.xsd: loginType, then commandType = (one command), extension?, clTRID?.
const login = seq(
  epp("clID", text(clIDType)), epp("pw", text(pwType)), epp("newPW", text(pwType), 0),
  epp("options", seq(epp("version", text(oneOf("1.0"))), epp("lang", text(language)))),
  epp("svcs", seq(epp("objURI", text(minTokenType), 1, U), epp("svcExtension", seq(epp("extURI", text(minTokenType), 1, U)), 0))),
);
const readWrite: Type = { any: "other" };
const commandType = seq(
  choice(
    epp("check", readWrite), epp("create", readWrite), epp("delete", readWrite), epp("info", readWrite), epp("login", login),
    epp("logout", { empty: true }), epp("renew", readWrite), epp("update", readWrite),
    // pollType: op req|ack, msgID (with ack); transferType: op query|request|approve|reject|cancel, then the object.
    epp("poll", { empty: true, attrs: { op: { check: oneOf("req", "ack"), required: true }, msgID: { check: token(1, 64) } } }),
    epp("transfer", { any: "other", attrs: { op: { check: oneOf("query", "request", "approve", "reject", "cancel"), required: true } } }),
  ),
  // extAnyType: elements of extension schemas, which each registry defines; not checked here.
  epp("extension", { skip: true }, 0),
  epp("clTRID", text(trIDStringType), 0),
);

class SchemaError extends Error {}
const nameOf = (e: { ns: string; local: string }) => `${e.ns === EPP_NS ? "" : `${prefixOf(e.ns)}:`}${e.local}`;
const prefixOf = (ns: string) => (ns === DOMAIN_NS ? "domain" : ns === CONTACT_NS ? "contact" : ns === HOST_NS ? "host" : `{${ns}}`);
const matches = (p: El, e: XmlElement) => e.ns === p.ns && e.local === p.el;
const describe = (p: Particle): string => ("choice" in p ? `(${p.choice.map(describe).join(" | ")})` : `${nameOf({ ns: p.ns, local: p.el })}${(p.min ?? 1) === 0 ? "?" : ""}`);

function checkAttrs(e: XmlElement, type: Type, here: string) {
  for (const [name, rule] of Object.entries(("attrs" in type && type.attrs) || {})) {
    const value = e.attrs[name];
    if (value === undefined) {
      if (rule.required) throw new SchemaError(`${here} needs the attribute ${name}`);
    } else {
      const why = rule.check(value);
      if (why) throw new SchemaError(`${here}@${name}: ${why}`);
    }
  }
}

function checkElement(e: XmlElement, type: Type, where: string) {
  const here = `${where}/${nameOf(e)}`;
  if ("skip" in type) return;
  checkAttrs(e, type, here);
  if ("any" in type) {
    // readWriteType and extAnyType: exactly one element of another namespace, which its own schema describes.
    const [child, extra] = e.children;
    if (!child || extra || child.ns === EPP_NS) throw new SchemaError(`${here} must hold exactly one element of an object schema`);
    const object = OBJECTS[child.ns]?.[child.local];
    if (!object) throw new SchemaError(`${here}: no schema defines <${nameOf(child)}> here`);
    return checkElement(child, object, here);
  }
  if ("empty" in type || "text" in type) {
    if (e.children.length) throw new SchemaError(`${here} takes no child elements (found <${nameOf(e.children[0]!)}>)`);
    const why = "text" in type ? type.text(e.text) : e.text.trim() ? "no text allowed" : null;
    if (why) throw new SchemaError(`${here}: ${why}`);
    return;
  }
  if (e.text.trim()) throw new SchemaError(`${here} takes no text`);
  let i = 0;
  for (const particle of type.seq) {
    const options = "choice" in particle ? particle.choice : [particle];
    const [min, max] = [particle.min ?? 1, particle.max ?? 1];
    let count = 0;
    while (count < max && i < e.children.length) {
      const option = options.find((o) => matches(o, e.children[i]!));
      if (!option) break;
      // Inside a choice the chosen element repeats within its own limits (e.g. hostObj+).
      let own = 0;
      while (own < (option.max ?? 1) && i < e.children.length && matches(option, e.children[i]!)) {
        checkElement(e.children[i]!, option.type, here);
        own += 1;
        i += 1;
      }
      if (own < (option.min ?? 1)) throw new SchemaError(`${here} needs <${describe(option)}>`);
      count += 1;
      if (!("choice" in particle)) break;
    }
    if (!("choice" in particle)) {
      if (count === 0 && min > 0) throw new SchemaError(`${here} needs <${describe(particle)}>${i < e.children.length ? ` before <${nameOf(e.children[i]!)}>` : ""}`);
      continue;
    }
    if (count < min) throw new SchemaError(`${here} needs one of ${describe(particle)}`);
  }
  if (i < e.children.length) {
    const sequence = type.seq.map(describe).join(", ");
    throw new SchemaError(`${here}: <${nameOf(e.children[i]!)}> is out of order or not allowed (the sequence is ${sequence})`);
  }
}

/**
 * The first XSD rule a client's EPP document breaks, or null when it is valid: <epp> holds one <command>
 * (or <hello/>), the command its verb, then extension?, then clTRID?; object commands follow their schema.
 */
export function schemaError(root: XmlElement): string | null {
  try {
    if (root.ns !== EPP_NS || root.local !== "epp") throw new SchemaError(`the root must be <epp> in ${EPP_NS}`);
    checkElement(root, seq(choice(epp("hello", { empty: true }), epp("command", commandType))), "");
    return null;
  } catch (error) {
    if (error instanceof SchemaError) return error.message;
    throw error;
  }
}
