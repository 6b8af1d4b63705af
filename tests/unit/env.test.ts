import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ConfigError, readDatabaseUrl } from "@/lib/env";
import { decrypt, encrypt } from "@/lib/crypto";

describe("configuration", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "provisio-env-"));
    vi.stubEnv("PROVISIO_DATA_DIR", dir);
  });
  afterEach(() => {
    vi.unstubAllEnvs();
    rmSync(dir, { recursive: true, force: true });
  });

  it.each(["mysql://root@localhost/db", "not a url", "postgres://localhost:5432", "postgres://localhost:5432/"])(
    "refuses the malformed DATABASE_URL %j, naming the variable",
    (url) => {
      vi.stubEnv("DATABASE_URL", url);
      expect(() => readDatabaseUrl()).toThrow(ConfigError);
      expect(() => readDatabaseUrl()).toThrow(/^DATABASE_URL: /);
    },
  );

  it("accepts a PostgreSQL URL and treats an empty one as unset", () => {
    vi.stubEnv("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/test");
    expect(readDatabaseUrl()).toBe("postgres://postgres@127.0.0.1:5432/test");
    vi.stubEnv("DATABASE_URL", " ");
    expect(readDatabaseUrl()).toBeUndefined();
  });

  it("needs APP_ENCRYPTION_KEY in production on PostgreSQL", () => {
    vi.stubEnv("NODE_ENV", "production");
    vi.stubEnv("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/test");
    vi.stubEnv("APP_ENCRYPTION_KEY", undefined);
    const error = (() => {
      try {
        encrypt("secret");
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).variable).toBe("APP_ENCRYPTION_KEY");
  });

  it("refuses an encryption key of the wrong length", () => {
    vi.stubEnv("APP_ENCRYPTION_KEY", Buffer.alloc(16, 1).toString("base64"));
    expect(() => encrypt("secret")).toThrow(/APP_ENCRYPTION_KEY/);
  });
});

describe("encryption", () => {
  it("round-trips, hides the plaintext and never repeats a ciphertext", () => {
    const text = "panel password: s3cr3t ✓";
    const a = encrypt(text);
    const b = encrypt(text);
    expect(decrypt(a)).toBe(text);
    expect(decrypt(b)).toBe(text);
    expect(a).not.toContain(text);
    expect(a).not.toBe(text);
    expect(a).not.toBe(b);
  });

  it("gives every encryption an IV of its own, past the pool the IVs are drawn in", () => {
    const ivs = new Set<string>();
    for (let i = 0; i < 1000; i++) {
      const token = encrypt(`secret ${i}`);
      const iv = token.split(".")[1]!;
      expect(Buffer.from(iv, "base64url")).toHaveLength(12);
      ivs.add(iv);
      if (i % 97 === 0) expect(decrypt(token)).toBe(`secret ${i}`);
    }
    expect(ivs.size).toBe(1000);
  });

  it("rejects a tampered ciphertext", () => {
    const token = encrypt("hello");
    const [v, iv, tag, data] = token.split(".");
    const flipped = Buffer.from(data!, "base64url");
    flipped[0]! ^= 1;
    expect(() => decrypt([v, iv, tag, flipped.toString("base64url")].join("."))).toThrow();
  });
});
