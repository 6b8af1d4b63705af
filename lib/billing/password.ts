import { randomInt } from "node:crypto";

const SETS = ["abcdefghijkmnopqrstuvwxyz", "ABCDEFGHJKLMNPQRSTUVWXYZ", "23456789"];

/** A random password with lower, upper case and digits, for a new account on a panel. */
export function generatePassword(length = 16): string {
  const all = SETS.join("");
  const chars = SETS.map((s) => s[randomInt(s.length)]!);
  while (chars.length < length) chars.push(all[randomInt(all.length)]!);
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j]!, chars[i]!];
  }
  return chars.join("");
}

/** The panel-side name of a service: derived from its id, so every try names the same object. */
export function remoteNameFor(productType: string, serviceId: number, domain?: string): string {
  if (productType === "domain" && domain) return domain;
  return `pv${String(serviceId).padStart(6, "0")}`;
}
