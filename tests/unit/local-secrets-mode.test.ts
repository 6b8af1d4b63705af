import { afterEach, describe, expect, it } from "vitest";
import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { encryptionKeyText } from "@/lib/local-secrets";

describe("the embedded run's secrets file", () => {
  const saved = { dir: process.env.PROVISIO_DATA_DIR, key: process.env.APP_ENCRYPTION_KEY };
  const dirs: string[] = [];
  afterEach(() => {
    process.env.PROVISIO_DATA_DIR = saved.dir;
    process.env.APP_ENCRYPTION_KEY = saved.key;
    if (saved.dir === undefined) delete process.env.PROVISIO_DATA_DIR;
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });
  const useFreshDir = () => {
    const dir = mkdtempSync(join(tmpdir(), "provisio-secrets-"));
    dirs.push(dir);
    process.env.PROVISIO_DATA_DIR = dir;
    delete process.env.APP_ENCRYPTION_KEY;
    return dir;
  };

  it("is written readable by its owner only (0600)", () => {
    const dir = useFreshDir();
    expect(encryptionKeyText()).toMatch(/^[A-Za-z0-9+/=]{44}$/);
    expect(statSync(join(dir, "secrets.json")).mode & 0o777).toBe(0o600);
  });

  it("is made 0600 when found with a looser mode", () => {
    const dir = useFreshDir();
    const file = join(dir, "secrets.json");
    writeFileSync(file, JSON.stringify({ authSecret: "a".repeat(43), encryptionKey: Buffer.alloc(32, 1).toString("base64") }), { mode: 0o644 });
    expect(statSync(file).mode & 0o777).toBe(0o644);
    expect(encryptionKeyText()).toBe(Buffer.alloc(32, 1).toString("base64"));
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });
});
