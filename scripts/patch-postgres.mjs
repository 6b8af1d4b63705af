/* global console */
/**
 * Runs after `npm install`: two mends of postgres.js 3.4.9. Idempotent.
 *
 * 1. A defect that crashes the whole process when PostgreSQL closes a connection while a small
 *    write waits for its setImmediate (for instance a backend terminated by an admin, a failover or
 *    a pooler restart): `nextWrite` then calls `socket.write` on a null socket, an uncaught
 *    TypeError. The mend fails the pending queries with CONNECTION_CLOSED instead (postgres.js
 *    reconnects as usual) and clears the write buffer and timer on teardown. Upstream: porsager/postgres
 *    issues 1066, 1154, 1208.
 * 2. The pool hands a query the idle connection that has waited longest (first in, first out), so
 *    a steady trickle of statements goes round every connection it ever opened: each backend's plan
 *    cache stays cold (a prepared statement is planned afresh for its first five runs on every
 *    connection, the claim ~1 ms each time) and each query wakes a backend that has been asleep the
 *    longest. The mend takes the connection that went idle last (last in, first out, as pgbouncer
 *    does): the same few connections do the work while load is light and the rest stay asleep.
 *    `tests/integration/pool-reuse.test.ts` checks it.
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

const LIFO = "/* provisio: last idle connection first */";
let reordered = 0;
for (const dir of ["src", "cjs/src", "cf/src"].map((d) => join(root, d)).filter(existsSync)) {
  const queueFile = join(dir, "queue.js");
  const indexFile = join(dir, "index.js");
  let queue = readFileSync(queueFile, "utf8");
  let index = readFileSync(indexFile, "utf8");
  if (index.includes(LIFO)) continue;
  const push = "    push: (x) => (xs.push(x), x),\n";
  const take = "    if (open.length)\n      return go(open.shift(), query)\n";
  if (!queue.includes(push) || !index.includes(take)) throw new Error(`postgres.js changed: ${dir} has no queue push or idle-connection take to mend`);
  queue = queue.replace(
    push,
    `${push}    pop: () => { ${LIFO}\n      if (xs.length - index === 0) return undefined\n      const out = xs.pop()\n      if (index === xs.length) {\n        index = 0\n        xs = []\n      }\n      return out\n    },\n`,
  );
  index = index.replace(take, `    if (open.length) ${LIFO}\n      return go(open.pop(), query)\n`);
  writeFileSync(queueFile, queue);
  writeFileSync(indexFile, index);
  reordered++;
}
if (reordered) console.log(`postgres.js: idle connections reused last-in first-out in ${reordered} build(s)`);
