/**
 * SIGTERM for the web. Next.js's standalone server stops accepting connections and exits once the
 * requests in flight are answered; this adds what it does not know: the embedded runner finishes
 * the operations it holds before the process exits, and the whole drain is bounded by
 * WEB_DRAIN_SECONDS (25, under systemd's TimeoutStopSec=30), after which the process exits anyway.
 */
export function drainOnSigterm(stopRunner: () => Promise<void> | undefined, env: NodeJS.ProcessEnv = process.env): void {
  const holder = globalThis as { provisioDrain?: boolean };
  if (holder.provisioDrain) return;
  holder.provisioDrain = true;
  const seconds = Number(env.WEB_DRAIN_SECONDS?.trim() || 25);
  const onSignal = (signal: NodeJS.Signals) => {
    console.log(`web got ${signal}: takes no new requests, finishing those in flight (at most ${seconds} s)`);
    const exit = process.exit.bind(process);
    const runnerDone = Promise.resolve(stopRunner()).catch(() => {});
    const deadline = setTimeout(() => {
      console.error(`web still busy after ${seconds} s (WEB_DRAIN_SECONDS): exits now`);
      exit(143);
    }, seconds * 1000);
    deadline.unref();
    // Next.js calls process.exit once its server is closed: wait for the runner too.
    process.exit = ((code?: number) => {
      void runnerDone.then(() => {
        console.log("web stopped: requests in flight answered");
        exit(code);
      });
    }) as typeof process.exit;
  };
  process.once("SIGTERM", onSignal);
  process.once("SIGINT", onSignal);
}
