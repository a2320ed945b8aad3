/**
 * Auth's start-up step for the composition root: builds the auth module on the live config,
 * generates first-start admin passwords (logged once), and re-checks sessions on every reload.
 */
import type { AnyElysia } from "elysia";
import { createAuth, type AuthModule } from "../auth/auth.module";
import type { ConfigStore } from "../config/store";
import type { Clock, IdGenerator } from "../core/clock";
import type { ShutdownHooks } from "../lifecycle/shutdown";
import type { Logger } from "../observability/logger";
import type { OpenDatabase } from "../storage/db";
import { authRoutes } from "../transport/http/auth.routes";
import { widgetRoutes } from "../transport/http/widget.routes";

/** What the step needs. */
export interface AuthStepDeps {
  readonly store: ConfigStore;
  readonly database: OpenDatabase;
  readonly logger: Logger;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly shutdownHooks: ShutdownHooks;
}

/** The running auth module, its routes, and who lost their session on the last reload. */
export interface AuthStep {
  readonly auth: AuthModule;
  readonly routes: AnyElysia[];
  /** Called with the operators whose sessions a reload revoked (their sockets must close). */
  onRevoked(listener: (operatorIds: string[]) => void): void;
}

/** Builds auth and bootstraps credentials. */
export async function startAuth(deps: AuthStepDeps): Promise<AuthStep> {
  const log = deps.logger.child({ module: "auth" });
  const auth = createAuth({ db: deps.database.db, config: () => deps.store.current(), clock: deps.clock, ids: deps.ids, logger: log });
  await auth.start();
  const listeners: ((ids: string[]) => void)[] = [];
  const unsubscribe = deps.store.subscribe(() => {
    auth
      .onConfigReload()
      .then((revoked) => {
        if (revoked.length > 0) for (const listener of listeners) listener(revoked);
      })
      .catch((error: unknown) => log.error("auth reload failed", { error }));
  });
  deps.shutdownHooks.add("work", "auth-reload", unsubscribe);
  return {
    auth,
    routes: [authRoutes(auth), widgetRoutes(auth)],
    onRevoked: (listener) => void listeners.push(listener),
  };
}
