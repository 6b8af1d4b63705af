/** The sign-in page's words for a refused sign-in, from the code Auth.js carries. */
export function refusalMessage(code: string | undefined): string {
  const [reason, value] = (code ?? "").split("-");
  const n = Number(value);
  if (reason === "locked" && n > 0) {
    const minutes = Math.ceil(n / 60);
    return `Too many failed sign-ins: signing in is locked for ${minutes} minute${minutes === 1 ? "" : "s"}, even with the right password. Try again later or reset your password.`;
  }
  if (reason === "wait" && n > 0) return `Too many failed sign-ins: wait ${n} second${n === 1 ? "" : "s"} and try again.`;
  if (reason === "unverified") return "Confirm your email address first: open the link we sent you when you signed up.";
  return "The email or password is not right.";
}
