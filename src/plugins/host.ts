/**
 * Builds the {@link PluginHost} handed to each plugin factory: the only door between a plugin and
 * Parley, since a plugin loaded from disk cannot import anything of ours. Each file gets its own
 * host so log lines say which plugin (and file) wrote them.
 */
import { Type } from "@sinclair/typebox";
import type { Clock } from "../core/clock";
import type { PluginDepartment, PluginHost, PluginLogger, PluginTypeBuilder } from "./api";
import { deepFreeze } from "./options";

/**
 * TypeBox's builder seen through the contract's minimal interface. The cast is the contract's
 * boundary: the published `.d.ts` cannot name TypeBox's symbol-keyed types, and the values are
 * real TypeBox schemas (checked again by `asTypeBoxSchema` when options are validated).
 */
export const pluginTypeBuilder = Type as unknown as PluginTypeBuilder;

/** What every host shares; departments come from the current config snapshot. */
export interface HostContext {
  readonly version: string;
  readonly clock: Clock;
  readonly logger: PluginLogger;
  readonly departments: ReadonlyArray<{ readonly id: string; readonly name: string; readonly skills: readonly string[] }>;
}

/** A host plus the hook to tag its logger once the factory has said which ids it defines. */
export interface PluginHostHandle {
  readonly host: PluginHost;
  /**
   * Tags log lines with the plugin ids (the file path when none). Lines logged while the factory
   * runs, before its ids are known, are held and written now with the ids, in order.
   */
  identify(ids: readonly string[]): void;
}

/**
 * A host for the plugin file `source` ("builtin" for built-ins). The departments are a frozen
 * copy, so a plugin can neither change the config nor see it change under it until reload.
 */
export function createPluginHost(context: HostContext, source: string): PluginHostHandle {
  const tags: Record<string, unknown> = { plugin: source, pluginFile: source };
  let held: Array<() => void> | null = [];
  const logger = taggedLogger(context.logger, tags, (write) => (held ? void held.push(write) : write()));
  const departments: readonly PluginDepartment[] = deepFreeze(
    context.departments.map((d) => ({ id: d.id, name: d.name, skills: [...d.skills] })),
  );
  const host: PluginHost = Object.freeze({
    version: context.version,
    logger,
    now: () => context.clock.now(),
    t: pluginTypeBuilder,
    config: Object.freeze({ departments }),
  });
  return {
    host,
    identify(ids) {
      if (ids.length > 0) tags.plugin = ids.join(",");
      const pending = held ?? [];
      held = null;
      for (const write of pending) write();
    },
  };
}

/**
 * A logger that adds `tags` (read when the line is written, so they can be refined) to every line.
 * `schedule` decides when a line is written (at once, or held). A plugin passing bad fields must
 * not break logging, so field objects are copied, never trusted.
 */
export function taggedLogger(base: PluginLogger, tags: Readonly<Record<string, unknown>>, schedule: (write: () => void) => void = (write) => write()): PluginLogger {
  const write = (level: keyof PluginLogger) => (msg: unknown, fields?: unknown) => {
    const extra = typeof fields === "object" && fields !== null ? { ...(fields as Record<string, unknown>) } : {};
    schedule(() => base[level](String(msg), { ...extra, ...tags }));
  };
  return Object.freeze({ debug: write("debug"), info: write("info"), warn: write("warn"), error: write("error") });
}
