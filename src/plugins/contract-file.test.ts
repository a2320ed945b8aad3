import { afterAll, describe, expect, test } from "bun:test";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { BUILTIN_PLUGINS } from "./builtins";
import { CONTRACT_BANNER, CONTRACT_FILE_NAME, contractText, renderContract, writeContractFile } from "./contract-file";

const repo = join(import.meta.dir, "../..");
const committed = readFileSync(join(repo, "plugins", CONTRACT_FILE_NAME), "utf8");
const temps: string[] = [];
const tempDir = (prefix: string) => {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  temps.push(dir);
  return dir;
};
afterAll(() => temps.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describe("the published contract stays in sync with src/plugins/api.ts", () => {
  test("plugins/parley-plugin.d.ts is api.ts under the banner (run `bun src/plugins/contract-file.ts --write`)", () => {
    expect(committed).toBe(renderContract(readFileSync(join(import.meta.dir, "api.ts"), "utf8")));
  });

  test("the text compiled into the binary is the committed file", () => {
    expect(contractText).toBe(committed);
  });
});

describe("writeContractFile", () => {
  test("creates plugins.dir and the file when missing, then leaves it alone", async () => {
    const dir = join(tempDir("parley-contract-"), "plugins");
    expect(await writeContractFile(dir)).toBe("created");
    expect(readFileSync(join(dir, CONTRACT_FILE_NAME), "utf8")).toBe(contractText);
    expect(await writeContractFile(dir)).toBe("unchanged");
  });

  test("refreshes a copy an older Parley wrote, but never an admin's own file", async () => {
    const dir = tempDir("parley-contract-");
    writeFileSync(join(dir, CONTRACT_FILE_NAME), `${CONTRACT_BANNER}\nexport type Old = 1;\n`);
    expect(await writeContractFile(dir)).toBe("updated");
    expect(readFileSync(join(dir, CONTRACT_FILE_NAME), "utf8")).toBe(contractText);

    writeFileSync(join(dir, CONTRACT_FILE_NAME), "// my tweaked types\n");
    expect(await writeContractFile(dir)).toBe("kept-user-copy");
    expect(readFileSync(join(dir, CONTRACT_FILE_NAME), "utf8")).toBe("// my tweaked types\n");
  });
});

describe("plugin authors need nothing but the .d.ts", () => {
  const tsc = (dir: string) => {
    const result = Bun.spawnSync([process.execPath, join(repo, "node_modules/typescript/bin/tsc"), "-p", dir], { stdout: "pipe", stderr: "pipe" });
    return { code: result.exitCode, output: result.stdout.toString() + result.stderr.toString() };
  };
  const pluginsDir = () => {
    const dir = tempDir("parley-authoring-");
    writeFileSync(join(dir, CONTRACT_FILE_NAME), contractText);
    const compilerOptions = { strict: true, noEmit: true, target: "ESNext", module: "Preserve", moduleResolution: "bundler", lib: ["ESNext"], types: [], allowImportingTsExtensions: true, noUncheckedIndexedAccess: true };
    writeFileSync(join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions, include: ["**/*.ts"] }));
    return dir;
  };

  test("the built-ins and a sample plugin type-check in a folder with only parley-plugin.d.ts (no TypeBox, no Bun types)", () => {
    const dir = pluginsDir();
    for (const { file } of BUILTIN_PLUGINS) {
      const target = join(dir, relative("plugins", file));
      mkdirSync(dirname(target), { recursive: true });
      cpSync(join(repo, file), target);
    }
    writeFileSync(
      join(dir, "vip-first.ts"),
      `import type { PluginFactory, RoutingStrategy, Static } from "./parley-plugin";
export default ((host) => {
  const Options = host.t.Object({ vipSkill: host.t.String({ default: "vip" }), note: host.t.Optional(host.t.String()) });
  type Options = Static<typeof Options>;
  const strategy: RoutingStrategy<Options> = {
    kind: "routing",
    id: "vip-first",
    optionsSchema: Options,
    pick({ candidates, options }) {
      const vip = candidates.find((c) => c.skills.includes(options.vipSkill));
      const note: string | undefined = options.note;
      return vip ? { operatorId: vip.id, reason: note ?? "vip" } : { queue: true, reason: "no vip operator" };
    },
  };
  host.logger.info("vip-first ready", { at: host.now() });
  return strategy;
}) satisfies PluginFactory;
`,
    );
    const result = tsc(dir);
    expect(readdirSync(join(dir, "routing"))).toHaveLength(4);
    expect(result.output).toBe("");
    expect(result.code).toBe(0);
  });

  test("the .d.ts catches a plugin that breaks the contract", () => {
    const dir = pluginsDir();
    writeFileSync(
      join(dir, "wrong.ts"),
      `import type { PluginFactory } from "./parley-plugin";
export default ((host) => ({ kind: "routing", id: "wrong", pick: () => ({ operator: "ann" }) })) satisfies PluginFactory;
`,
    );
    const result = tsc(dir);
    expect(result.code).not.toBe(0);
    expect(result.output).toContain("wrong.ts");
  });
});
