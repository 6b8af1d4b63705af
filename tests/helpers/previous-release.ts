import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { root } from "./production-build";

/**
 * The release before this tree, as `release/previous` names it (docs/production.md, "Upgrade"): its
 * source from git, its commands compiled by its own build script, in a scratch directory. It reuses
 * this tree's node_modules; a release whose runtime dependencies differ too much fails to build or
 * start here, and the error says which dependencies changed.
 */
export type PreviousRelease = {
  commit: string;
  /** Its migrations, by tag, in order. */
  migrations: string[];
  bin(name: string): string;
  /** Removes its scratch directory. */
  close(): void;
};

export function previousReleaseCommit(): string {
  const line = readFileSync(join(root, "release", "previous"), "utf8")
    .split("\n")
    .map((l) => l.trim())
    .find((l) => l && !l.startsWith("#"));
  if (!line) throw new Error("release/previous names no commit");
  return line;
}

const git = (args: string[]) => spawnSync("git", args, { cwd: root, encoding: "utf8" });

export function buildPreviousRelease(): PreviousRelease {
  const named = previousReleaseCommit();
  const resolved = git(["rev-parse", "--verify", "--quiet", `${named}^{commit}`]);
  if (resolved.status !== 0) throw new Error(`release/previous: commit ${named} is not in this clone (a shallow clone? fetch the history)`);
  const commit = resolved.stdout.trim();
  const dir = mkdtempSync(join(tmpdir(), "provisio-previous-"));
  try {
    const unpack = spawnSync("sh", ["-c", `git -C "$1" archive "$2" | tar -x -C "$3"`, "sh", root, commit, dir], { encoding: "utf8" });
    if (unpack.status !== 0) throw new Error(`could not unpack ${commit}: ${unpack.stderr}`);
    symlinkSync(join(root, "node_modules"), join(dir, "node_modules"));
    const build = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "--eval", 'await (await import("./scripts/build-prod.ts")).buildCommands();'], {
      cwd: dir,
      encoding: "utf8",
      env: process.env,
    });
    if (build.status !== 0) throw new Error(`the previous release ${commit} did not build its commands${changedDependencies(dir)}:\n${build.stdout}${build.stderr}`);
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  const journal = JSON.parse(readFileSync(join(dir, "dist", "drizzle", "meta", "_journal.json"), "utf8")) as { entries: { tag: string }[] };
  return {
    commit,
    migrations: journal.entries.map((e) => e.tag),
    bin: (name) => join(dir, "dist", `${name}.mjs`),
    close: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** The runtime dependencies whose versions differ between the previous release and this tree, for an error message. */
function changedDependencies(dir: string): string {
  const deps = (file: string) => (JSON.parse(readFileSync(file, "utf8")) as { dependencies?: Record<string, string> }).dependencies ?? {};
  const before = deps(join(dir, "package.json"));
  const now = deps(join(root, "package.json"));
  const changed = Object.keys(before).filter((name) => before[name] !== now[name]);
  return changed.length ? ` (its dependencies differ from this tree's node_modules: ${changed.map((n) => `${n} ${before[n]} → ${now[n] ?? "none"}`).join(", ")})` : "";
}
