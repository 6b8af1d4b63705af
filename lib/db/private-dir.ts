import { chmodSync, mkdirSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";

/** Sets a folder 0700 and everything in it owner-only (folders 0700, files 0600). */
function lockDown(dir: string): void {
  chmodSync(dir, 0o700);
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) lockDown(path);
    else if (entry.isFile()) chmodSync(path, 0o600);
  }
}

/**
 * Makes the embedded database's folder (and the data folder around it) readable by this user only:
 * the folders 0700, the files already there 0600 (a folder copied in with looser modes is set back),
 * and this process's umask keeps others out of the files PGlite creates later.
 */
export function privateDataDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  try {
    process.umask(process.umask() | 0o077);
  } catch {
    // Worker threads cannot change the umask; the 0700 folders still keep others out.
  }
  chmodSync(dirname(dir), 0o700);
  lockDown(dir);
}
