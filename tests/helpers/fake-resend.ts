import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/** A file as Resend receives it: its name and its content decoded from base64. */
export type FakeAttachment = { filename: string; content: Buffer };

/** A local stand-in for the Resend HTTP API: one email per Idempotency-Key, like Resend; attachments kept decoded. */
export async function startFakeResend() {
  const byKey = new Map<string, { to: string; subject: string; text: string; attachments: FakeAttachment[] }>();
  let posts = 0;
  const server: Server = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      posts++;
      const key = String(req.headers["idempotency-key"] ?? `none-${posts}`);
      if (!byKey.has(key)) {
        const email = JSON.parse(body || "{}");
        const attachments = ((email.attachments ?? []) as { filename?: string; content?: string }[]).map((a) => ({ filename: String(a.filename), content: Buffer.from(String(a.content ?? ""), "base64") }));
        byKey.set(key, { to: String(email.to), subject: String(email.subject), text: String(email.text ?? ""), attachments });
      }
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ id: `fake-${key}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    emails: byKey,
    posts: () => posts,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
