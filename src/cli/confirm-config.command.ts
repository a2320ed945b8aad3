/**
 * `parley confirm-config --config FILE`, run by `serve` as a child process: the exact YAML reader's
 * confirmation of a config the quick reader accepted (src/config/quick-load.ts), on the text given on
 * stdin (the text the server read, even if the file has changed since). Prints the confirmation as
 * one JSON line: `{"errors":[…],"warnings":[…],"difference":…}`. The exact reader (the `yaml`
 * package's Document API) is thus never loaded into a server that has not been reloaded: about 2 MB
 * of idle RSS (src/config/confirm.process.ts).
 */
import { parseConfig } from "../config/load";
import { confirmQuickLoad, parseConfigQuickly, type Confirmation } from "../config/quick-load";
import { configFileFrom, parseCommandArgs } from "./args";
import { EXIT, type CliIO } from "./io";

/** Runs the command; see the module comment. */
export async function confirmConfigCommand(args: string[], io: CliIO): Promise<number> {
  const { values } = parseCommandArgs(args, { config: { type: "string" } });
  const options = { file: configFileFrom(values.config, io), env: io.env };
  const text = await io.readStdin();
  const quick = parseConfigQuickly(text, options);
  let confirmation: Confirmation;
  if (quick) {
    confirmation = confirmQuickLoad(text, options, quick);
  } else {
    // The quick reader refuses here what it accepted in the server (its environment differs): the exact reading decides alone.
    const exact = parseConfig(text, options);
    confirmation = exact.ok ? { errors: [], warnings: exact.warnings, difference: null } : { errors: exact.errors, warnings: [], difference: null };
  }
  io.out(JSON.stringify(confirmation));
  return EXIT.ok;
}
