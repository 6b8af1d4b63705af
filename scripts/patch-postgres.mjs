/* global console */
/**
 * Runs after `npm install`: mends a defect of postgres.js 3.4.9 that crashes the whole process when
 * PostgreSQL closes a connection while a small write waits for its setImmediate (for instance a
 * backend terminated by an admin, a failover or a pooler restart): `nextWrite` then calls
 * `socket.write` on a null socket, an uncaught TypeError. The mend fails the pending queries with
 * CONNECTION_CLOSED instead (postgres.js reconnects as usual) and clears the write buffer and timer
 * on teardown. Upstream: porsager/postgres issues 1066, 1154, 1208. Idempotent.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const MARK = "/* provisio: null-socket guard */";
const root = join(import.meta.dirname, "..", "node_modules", "postgres");
const files = ["src/connection.js", "cjs/src/connection.js", "cf/src/connection.js"].map((f) => join(root, f)).filter(existsSync);

let patched = 0;
for (const file of files) {
  let text = readFileSync(file, "utf8");
  if (text.includes(MARK)) continue;
  const head = "  function nextWrite(fn) {\n    const x = socket.write(chunk, fn)";
  if (!text.includes(head)) throw new Error(`postgres.js changed: ${file} has no nextWrite to mend; check whether the upstream fix landed`);
  text = text.replace(
    head,
    `  function nextWrite(fn) {\n    if (!socket) { ${MARK}\n      nextWriteTimer !== null && clearImmediate(nextWriteTimer)\n      chunk = nextWriteTimer = null\n      error(Errors.connection('CONNECTION_CLOSED', options))\n      return false\n    }\n    const x = socket.write(chunk, fn)`,
  );
  text = text.replaceAll("\n    clearImmediate(nextWriteTimer)\n", "\n    clearImmediate(nextWriteTimer)\n    chunk = nextWriteTimer = null\n");
  writeFileSync(file, text);
  patched++;
}
if (patched) console.log(`postgres.js: null-socket guard added to ${patched} file(s)`);
