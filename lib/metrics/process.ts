import { Counter, Histogram, Registry, collectDefaultMetrics } from "prom-client";

/**
 * Metrics this process observes as it works (per process: each runner counts its own attempts; a
 * worker without a web server serves them on METRICS_PORT). Kept on globalThis so Next.js loading
 * the module twice does not register them twice.
 */
export type ProcessMetrics = {
  registry: Registry;
  attempts: Counter<"module" | "outcome">;
  attemptSeconds: Histogram<"module">;
  payToActiveSeconds: Histogram;
  emails: Counter<"outcome">;
};

const globalKey = Symbol.for("provisio.metrics");
type Holder = { [globalKey]?: ProcessMetrics };

function create(): ProcessMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "provisio_" });
  return {
    registry,
    attempts: new Counter({
      name: "provisio_attempts_total",
      help: "Attempts recorded by this process, by module and outcome (done, pending, error, busy: put back without an attempt).",
      labelNames: ["module", "outcome"],
      registers: [registry],
    }),
    attemptSeconds: new Histogram({
      name: "provisio_attempt_duration_seconds",
      help: "Time of an attempt from handler choice to its recorded outcome, by module.",
      labelNames: ["module"],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 15, 30],
      registers: [registry],
    }),
    payToActiveSeconds: new Histogram({
      name: "provisio_payment_to_active_seconds",
      help: "From the payment that queued an open operation to the service being active (module work only).",
      buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600],
      registers: [registry],
    }),
    emails: new Counter({
      name: "provisio_emails_total",
      help: "Emails handed to the transport by this process, by outcome (sent, retried, failed).",
      labelNames: ["outcome"],
      registers: [registry],
    }),
  };
}

export function processMetrics(): ProcessMetrics {
  const holder = globalThis as Holder;
  return (holder[globalKey] ??= create());
}
