import { describe, expect, test } from "bun:test";
import { errorsOf, issueAt, MINIMAL, parse, positionOf } from "./config.fixtures";

const loaded = (text: string, env: Record<string, string>) => {
  const result = parse(text, env);
  if (!result.ok) throw new Error(result.errors.map((e) => `${e.path}: ${e.message}`).join("\n"));
  return result.config;
};

describe("${VAR} interpolation", () => {
  test("a set variable is substituted, inside a longer string too", () => {
    const config = loaded(`server:\n  publicUrl: https://\${HOST}/chat\n${MINIMAL}`, { HOST: "chat.example.com" });
    expect(config.server.publicUrl).toBe("https://chat.example.com/chat");
  });

  test("several references in one value", () => {
    const config = loaded(`server:\n  publicUrl: \${SCHEME}://\${HOST}\n${MINIMAL}`, { SCHEME: "https", HOST: "a.example" });
    expect(config.server.publicUrl).toBe("https://a.example");
  });

  test("the default applies when the variable is unset or empty", () => {
    const text = `server:\n  host: \${BIND:-127.0.0.1}\n  publicUrl: \${URL:-http://localhost:8080}\n${MINIMAL}`;
    expect(loaded(text, {}).server.host).toBe("127.0.0.1");
    expect(loaded(text, { BIND: "" }).server.host).toBe("127.0.0.1");
    expect(loaded(text, { BIND: "::" }).server.host).toBe("::");
  });

  test("an empty default gives an empty string (optional secrets)", () => {
    const text = `${MINIMAL}smtp:\n  host: localhost\n  from: chat@example.com\n  password: \${SMTP_PASSWORD:-}\n`;
    expect(loaded(text, {}).smtp?.password).toBe("");
  });

  test("a missing variable without default is an error at the reference", () => {
    const text = `server:\n  publicUrl: https://\${PUBLIC_HOST}\n${MINIMAL}`;
    const issue = issueAt(errorsOf(text), "server.publicUrl");
    expect(issue.message).toBe("environment variable PUBLIC_HOST is not set (write ${PUBLIC_HOST:-default} to give a default)");
    expect(issue).toMatchObject(positionOf(text, "${PUBLIC_HOST}"));
  });

  test("the position accounts for quotes", () => {
    const text = `server:\n  publicUrl: "x\${NOPE}"\n${MINIMAL}`;
    expect(issueAt(errorsOf(text), "server.publicUrl")).toMatchObject(positionOf(text, "${NOPE}"));
  });

  test("every missing variable is listed, and no second error is made up for the same key", () => {
    const errors = errorsOf(`server:\n  port: \${PORT}\n  host: \${HOST}\n${MINIMAL}`);
    expect(errors.map((e) => e.path)).toEqual(["server.port", "server.host"]);
  });

  test("$${ writes a literal ${", () => {
    const config = loaded(`widget:\n  title: "Price: $\${AMOUNT}"\n${MINIMAL}`, {});
    expect(config.widget.title).toBe("Price: ${AMOUNT}");
  });

  test("a malformed reference is an error", () => {
    const errors = errorsOf(`widget:\n  title: "\${not valid}"\n${MINIMAL}`);
    expect(issueAt(errors, "widget.title").message).toContain("malformed reference ${not valid}");
  });

  test("an unclosed reference is an error", () => {
    const errors = errorsOf(`widget:\n  title: "\${TITLE"\n${MINIMAL}`);
    expect(issueAt(errors, "widget.title").message).toContain("unclosed ${");
  });
});

describe("typing of interpolated values", () => {
  test("a number the schema wants is converted: port: ${PORT}", () => {
    const config = loaded(`server:\n  port: \${PORT}\n${MINIMAL}`, { PORT: "9090" });
    expect(config.server.port).toBe(9090);
  });

  test("booleans and decimals are converted where the schema wants them", () => {
    const text = `auth:\n  sessionTtlHours: \${TTL:-0.5}\nconversations:\n  keepOpenAfterEnd: \${KEEP}\n${MINIMAL}`;
    const config = loaded(text, { KEEP: "true" });
    expect(config.auth.sessionTtlHours).toBe(0.5);
    expect(config.conversations.keepOpenAfterEnd).toBe(true);
  });

  test("a string the schema wants stays a string, even made of digits", () => {
    const text = `${MINIMAL}smtp:\n  host: localhost\n  from: chat@example.com\n  password: \${SMTP_PASSWORD}\n`;
    expect(loaded(text, { SMTP_PASSWORD: "123456" }).smtp?.password).toBe("123456");
  });

  test("a value that does not read as the wanted type is an error that says it came from the environment", () => {
    const text = `server:\n  port: \${PORT}\n${MINIMAL}`;
    const issue = issueAt(errorsOf(text, { PORT: "http" }), "server.port");
    expect(issue.message).toBe('expected an integer from 0 to 65535, found "http" (after ${…} substitution)');
    expect(issue.line).toBe(2);
  });

  test("a literal quoted number is not converted: only interpolated values are", () => {
    expect(issueAt(errorsOf(`server:\n  port: "8080"\n${MINIMAL}`), "server.port").message).toBe('expected an integer from 0 to 65535, found "8080"');
  });

  test("variables inside list items are converted too", () => {
    const text = `${MINIMAL}    maxConversations: \${MAX}\n`;
    expect(loaded(text, { MAX: "4" }).operators[0]!.maxConversations).toBe(4);
  });
});
