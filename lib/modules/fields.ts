import type { FieldSpec } from "./contract";

/** The time-out every HTTP module takes in its connection. */
export const timeoutField: FieldSpec = { key: "timeoutMs", label: "Timeout, ms", kind: "number", placeholder: "15000" };

/** What a registered domain carries, and what staff fill in when they register one by hand. */
export const domainServiceFields: FieldSpec[] = [
  { key: "domain", label: "Domain", required: true },
  { key: "expires_at", label: "Expires", kind: "date", required: true },
  { key: "nameservers", label: "Name servers" },
];
