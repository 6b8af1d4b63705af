import { Auth } from "@auth/core";
import { authConfig } from "@/lib/auth/config";

/** A browser talking to Auth.js with the app's configuration, in process, as /api/auth/* does; it keeps its cookies. */
export class AuthBrowser {
  cookies = new Map<string, string>();
  constructor(readonly ip = "203.0.113.7") {}

  private cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  private keep(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const eq = pair!.indexOf("=");
      const name = pair!.slice(0, eq);
      const value = pair!.slice(eq + 1);
      if (value === "" || /max-age=0|expires=thu, 01 jan 1970/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  async request(method: "GET" | "POST", path: string, form?: Record<string, string>): Promise<Response> {
    const headers: Record<string, string> = { cookie: this.cookieHeader(), "x-forwarded-for": this.ip };
    if (form) headers["content-type"] = "application/x-www-form-urlencoded";
    const req = new Request(`http://localhost${path}`, { method, headers, body: form ? new URLSearchParams(form) : undefined });
    const response = await Auth(req, { ...authConfig(), basePath: "/api/auth" });
    this.keep(response);
    return response;
  }

  async csrf(): Promise<string> {
    const r = await this.request("GET", "/api/auth/csrf");
    return ((await r.json()) as { csrfToken: string }).csrfToken;
  }

  /** Posts the credentials form; the redirect's target tells success (callbackUrl) from refusal (?error=). */
  async signIn(email: string, password: string): Promise<{ ok: boolean; location: string }> {
    const csrfToken = await this.csrf();
    const r = await this.request("POST", "/api/auth/callback/credentials", { email, password, csrfToken, callbackUrl: "/account" });
    const location = r.headers.get("location") ?? "";
    return { ok: !location.includes("error="), location };
  }

  async session(): Promise<{ user?: { id: string; role: string } } | null> {
    const r = await this.request("GET", "/api/auth/session");
    return (await r.json()) as { user?: { id: string; role: string } } | null;
  }

  async signOut(): Promise<void> {
    const csrfToken = await this.csrf();
    await this.request("POST", "/api/auth/signout", { csrfToken, callbackUrl: "/" });
  }

  /** A copy holding the same cookies: the same token replayed from elsewhere. */
  clone(): AuthBrowser {
    const copy = new AuthBrowser(this.ip);
    copy.cookies = new Map(this.cookies);
    return copy;
  }
}
