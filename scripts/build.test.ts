import { expect, test } from "bun:test";
import { embeddedUiModule, renderPage } from "./build";

test("page shells get the hashed bundle in place of their development script, and refuse a template without it", () => {
  const template = `<script type="module" src="./console.ts"></script>`;
  expect(renderPage(template, "ui/operator/console.ts", "/assets/console-x1.js")).toBe(`<script type="module" src="/assets/console-x1.js"></script>`);
  expect(() => renderPage("<p>no script</p>", "ui/operator/console.ts", "/assets/console-x1.js")).toThrow("does not reference ./console.ts");
  expect(renderPage("<p>demo</p>", null, null)).toBe("<p>demo</p>");
});

test("the embedded-UI module imports every manifest file as an embedded file and registers them all", () => {
  const manifest = { widget: "widget.js", pages: { console: "console.html", manager: "manager.html", demo: "demo.html" }, files: ["widget.js", "assets/a-1.js", "console.html"] };
  const source = embeddedUiModule(manifest, (f) => `../../ui/dist/${f}`, "../../src/transport/http/ui-assets.ts");
  for (const f of manifest.files) expect(source).toContain(`from "../../ui/dist/${f}" with { type: "file" }`);
  expect(source).toContain(`"assets/a-1.js": f1,`);
  expect(source).toContain(`registerEmbeddedUi(${JSON.stringify(manifest)}`);
});
