/**
 * Parley's version, read from package.json at build time (the JSON is bundled into the binary), so
 * `parley version`, /healthz, the OpenAPI document and the plugin host always agree.
 */
import pkg from "../../package.json" with { type: "json" };

/** The semantic version of this build. */
export const VERSION: string = pkg.version;

/** One line for `parley version`: Parley and the Bun runtime it was built with. */
export function versionLine(): string {
  return `parley ${VERSION} (bun ${Bun.version}, ${process.platform}-${process.arch})`;
}
