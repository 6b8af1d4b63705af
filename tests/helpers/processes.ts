import { spawn, type ChildProcess } from "node:child_process";
import { createServer, type AddressInfo } from "node:net";

export type Started = {
  child: ChildProcess;
  /** Everything the process wrote, stdout and stderr together. */
  output(): string;
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<string>;
  exited: Promise<number | null>;
  /** Ends the process group (SIGKILL after 10 s) unless it has exited already. */
  kill(): Promise<void>;
};

/** Starts a command in its own process group, collecting its output. */
export function startProcess(command: string, args: string[], opts: { env: NodeJS.ProcessEnv; cwd: string; stdin?: string }): Started {
  const child = spawn(command, args, { env: opts.env, cwd: opts.cwd, detached: true, stdio: [opts.stdin === undefined ? "ignore" : "pipe", "pipe", "pipe"] });
  if (opts.stdin !== undefined) child.stdin!.end(opts.stdin);
  let out = "";
  const waiters = new Set<() => void>();
  const collect = (chunk: Buffer) => {
    out += chunk.toString();
    for (const w of waiters) w();
  };
  child.stdout!.on("data", collect);
  child.stderr!.on("data", collect);
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return {
    child,
    output: () => out,
    exited,
    waitFor(pattern, timeoutMs = 60_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const match = out.match(pattern);
          if (match) {
            waiters.delete(check);
            clearTimeout(timer);
            resolve(match[0]);
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no ${pattern} in the output of ${command} ${args.join(" ")}:\n${out}`));
        }, timeoutMs);
        waiters.add(check);
        void exited.then(() => setTimeout(() => {
          if (!waiters.has(check)) return;
          waiters.delete(check);
          clearTimeout(timer);
          reject(new Error(`${command} ${args.join(" ")} exited without ${pattern}:\n${out}`));
        }, 50));
        check();
      });
    },
    async kill() {
      if (child.exitCode !== null || child.signalCode !== null || !child.pid) return;
      const timer = setTimeout(() => signalGroup(child, "SIGKILL"), 10_000);
      signalGroup(child, "SIGTERM");
      await exited;
      clearTimeout(timer);
    },
  };
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    process.kill(-child.pid!, signal);
  } catch {
    // already gone
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export async function waitUntil<T>(what: string, probe: () => Promise<T | undefined | false>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
