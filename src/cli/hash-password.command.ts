/**
 * `parley hash-password`: turns a password into the argon2id hash an admin pastes into
 * `operators[].passwordHash`, so plain passwords never sit in the config file. Reads the password
 * from stdin when piped (`echo -n secret | parley hash-password`), otherwise prompts twice without
 * echo. The hash alone goes to stdout, so it can be captured by a script. Hashing and the password
 * rules are the auth module's, so the CLI and the login screen can never disagree.
 */
import { argon2idHasher, passwordProblem } from "../auth/password.service";
import { parseCommandArgs } from "./args";
import { EXIT, type CliIO } from "./io";

/** Runs the command; see the module comment. */
export async function hashPasswordCommand(args: string[], io: CliIO): Promise<number> {
  parseCommandArgs(args, {});
  let password: string;
  if (io.stdinIsTTY) {
    try {
      password = await io.promptSecret("Password: ");
      const again = await io.promptSecret("Repeat password: ");
      if (again !== password) {
        io.err("parley: the two passwords differ; nothing was hashed");
        return EXIT.failed;
      }
    } catch {
      io.err("parley: cancelled");
      return EXIT.failed;
    }
  } else {
    password = (await io.readStdin()).replace(/\r?\n$/, "");
    if (password === "") {
      io.err("parley: no password given (pipe it on stdin, or run in a terminal to be prompted)");
      return EXIT.failed;
    }
    if (/[\r\n]/.test(password)) {
      io.err("parley: the password must be a single line");
      return EXIT.failed;
    }
  }
  const problem = passwordProblem(password);
  if (problem) {
    io.err(`parley: ${problem}`);
    return EXIT.failed;
  }
  io.out(await argon2idHasher().hash(password));
  return EXIT.ok;
}
