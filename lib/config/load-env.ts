import { resolve } from "node:path";
import nextEnv from "@next/env";

/**
 * Reads the .env files of `dir` exactly as `next start` does (Next's own loader): for
 * NODE_ENV=production `.env.production.local`, `.env.local`, `.env.production`, `.env`, the first
 * file that sets a variable wins, and the real environment wins over every file. Workers and CLIs
 * call it so that they see the same configuration as the web process started in the same folder.
 * Returns the files read (absolute paths).
 */
export function loadEnvFiles(dir: string = process.cwd()): string[] {
  const quiet = { info: () => {}, error: (...args: unknown[]) => console.error(...args) };
  const { loadedEnvFiles } = nextEnv.loadEnvConfig(dir, process.env.NODE_ENV === "development", quiet);
  return loadedEnvFiles.map((f) => resolve(dir, f.path));
}
