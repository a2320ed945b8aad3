/**
 * Probes for orchestrators and monitoring: `/healthz` says the process answers (liveness: restart
 * me if not), `/readyz` says it can serve users (readiness: route traffic to me or not, with which
 * check failed), `/metrics` is the Prometheus scrape endpoint.
 */
import { Elysia, t } from "elysia";
import type { Metrics } from "../../observability/metrics";

/** One named readiness check: `true` when fine, else a short reason an admin can act on. */
export interface ReadinessCheck {
  readonly name: string;
  check(): true | string;
}

/** The checks behind /readyz; the composition root adds one per dependency (database, migrations, config…). */
export class Readiness {
  private readonly checks: ReadinessCheck[] = [];
  private drainingSince: number | null = null;

  add(check: ReadinessCheck): this {
    this.checks.push(check);
    return this;
  }

  /** Called when shutdown begins: load balancers stop sending new traffic before sockets close. */
  markDraining(): void {
    this.drainingSince ??= Date.now();
  }

  /** Runs every check; a check that throws counts as failed with its message. */
  evaluate(): { ready: boolean; checks: Record<string, string> } {
    const checks: Record<string, string> = {};
    let ready = this.drainingSince === null;
    if (!ready) checks.shutdown = "shutting down";
    for (const { name, check } of this.checks) {
      let outcome: true | string;
      try {
        outcome = check();
      } catch (error) {
        outcome = error instanceof Error ? error.message : String(error);
      }
      checks[name] = outcome === true ? "ok" : outcome;
      if (outcome !== true) ready = false;
    }
    return { ready, checks };
  }
}

const Checks = t.Record(t.String(), t.String(), { description: "check name → `ok` or why it failed" });

/** Named Elysia plugin with the three probe routes. */
export function healthRoutes(deps: { readiness: Readiness; metrics: Metrics; version: string }) {
  return new Elysia({ name: "health", detail: { tags: ["health"] } })
    .get("/healthz", () => ({ status: "ok" as const, version: deps.version }), {
      detail: { summary: "Liveness: the process is up and answering" },
      response: t.Object({ status: t.Literal("ok"), version: t.String() }),
    })
    .get(
      "/readyz",
      ({ set }) => {
        const { ready, checks } = deps.readiness.evaluate();
        set.headers["cache-control"] = "no-store";
        if (ready) return { status: "ready" as const, checks };
        set.status = 503;
        return { status: "unavailable" as const, checks };
      },
      {
        detail: { summary: "Readiness: database open, migrations applied, configuration valid" },
        response: { 200: t.Object({ status: t.Literal("ready"), checks: Checks }), 503: t.Object({ status: t.Literal("unavailable"), checks: Checks }) },
      },
    )
    .get(
      "/metrics",
      async ({ set }) => {
        set.headers["content-type"] = deps.metrics.contentType;
        set.headers["cache-control"] = "no-store";
        return deps.metrics.render();
      },
      { detail: { summary: "Prometheus metrics (text exposition format)" } },
    );
}
