/**
 * The admin's view of the plugin host: which routing strategies and questionnaires exist (built-in
 * or from which file), their option schemas (for a settings form), whether the guards have
 * bypassed one after repeated faults, and which plugin files failed to load and why. Read-only:
 * plugins are configured in the YAML and the files in `plugins.dir`.
 */
import { Elysia, t } from "elysia";
import type { AuthModule } from "../../auth/auth.module";
import type { PluginService } from "../../plugins/plugin.service";
import { authGuards, type GuardOptions } from "./guards";

const PluginInfoSchema = t.Object({
  id: t.String(),
  kind: t.Union([t.Literal("routing"), t.Literal("questionnaire")]),
  source: t.String({ description: '"builtin" or the path of the plugin file' }),
  description: t.Union([t.String(), t.Null()]),
  optionsSchema: t.Unknown({ description: "JSON Schema of the plugin's options, null when it takes none" }),
  degraded: t.Boolean({ description: "bypassed after repeated faults until the next reload" }),
});

/** `GET /api/plugins` body. */
export const PluginListingSchema = t.Object({
  routingStrategy: t.String({ description: "the strategy routing uses now (least-busy when the configured one is unusable)" }),
  plugins: t.Array(PluginInfoSchema),
  failedFiles: t.Array(t.Object({ file: t.String(), reason: t.String(), pluginId: t.Optional(t.String()), keptPrevious: t.Optional(t.Boolean()) })),
});

/** Admin-only plugin listing. */
export function pluginRoutes(plugins: PluginService, auth: AuthModule, options: GuardOptions = {}) {
  return new Elysia({ name: "plugins.routes" }).use(authGuards(auth, options)).get(
    "/api/plugins",
    () => ({
      routingStrategy: plugins.routingStrategyId,
      plugins: plugins.registry.list(),
      failedFiles: [...plugins.report.issues],
    }),
    {
      requireRole: "admin",
      response: PluginListingSchema,
      detail: {
        tags: ["plugins"],
        summary: "Plugins",
        description: "Routing strategies and questionnaires available to the config, and plugin files that failed to load. Errors: auth.required (401), auth.forbidden (403, not an admin).",
      },
    },
  );
}
