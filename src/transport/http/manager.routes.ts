/**
 * `GET /api/manager/figures`: the manager dashboard's figures since a moment (the dashboard sends
 * the start of the manager's local day). Managers and admins only.
 */
import { Elysia, t } from "elysia";
import type { AuthModule } from "../../auth/auth.module";
import type { Clock } from "../../core/clock";
import { AppError } from "../../core/errors";
import type { Db } from "../../storage/db";
import { dayFigures } from "../../storage/queries/day-figures.query";
import { authGuards, type GuardOptions } from "./guards";
import { QueryInteger } from "./query-params";

/** The longest period the figures cover. */
const MAX_PERIOD_MS = 31 * 24 * 3600 * 1000;
const Ms = t.Union([t.Integer(), t.Null()]);

const Figures = t.Object({
  since: t.Integer(),
  started: t.Integer(),
  answered: t.Integer(),
  missed: t.Integer({ description: "ended without ever reaching an operator" }),
  ended: t.Integer(),
  waitingNow: t.Integer(),
  activeNow: t.Integer(),
  avgWaitMs: Ms,
  maxWaitMs: Ms,
  avgFirstResponseMs: Ms,
  slaMetRatio: t.Union([t.Number(), t.Null()]),
  avgDurationMs: Ms,
  satisfaction: t.Union([t.Number(), t.Null()]),
  satisfactionAnswers: t.Integer(),
  byOperator: t.Array(t.Object({ operatorId: t.String(), handled: t.Integer(), avgFirstResponseMs: Ms, avgDurationMs: Ms })),
});

/** The manager routes plugin. */
export function managerRoutes(deps: { readonly auth: AuthModule; readonly db: Db; readonly clock: Clock }, options: GuardOptions = {}) {
  return new Elysia({ name: "manager.routes" }).use(authGuards(deps.auth, options)).get(
    "/api/manager/figures",
    ({ query, set }) => {
      const now = deps.clock.now();
      const since = query.since ?? now - (now % (24 * 3600 * 1000));
      if (since > now || now - since > MAX_PERIOD_MS) throw new AppError("request.invalid", "query.since: must be in the past 31 days");
      set.headers["cache-control"] = "no-store";
      const figures = dayFigures(deps.db, since, now);
      return { ...figures, byOperator: [...figures.byOperator] };
    },
    {
      requireRole: "manager",
      query: t.Object({ since: t.Optional(QueryInteger("since", { minimum: 0, description: "epoch ms; default: today 00:00 UTC" })) }),
      response: { 200: Figures },
      detail: {
        tags: ["manager"],
        summary: "The day's figures",
        description: "Volume, answered/missed, waits, first responses, SLA attainment, durations, satisfaction and per-operator counts since `since`. Errors: auth.forbidden (403) below manager, request.invalid.",
      },
    },
  );
}
