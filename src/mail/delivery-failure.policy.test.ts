import { describe, expect, test } from "bun:test";
import { classifyFailure } from "./delivery-failure.policy";

const smtpError = (fields: Record<string, unknown>) => Object.assign(new Error(String(fields.message ?? "failed")), fields);

describe("classifyFailure", () => {
  test("a recipient or message refused for good is `rejected`", () => {
    expect(classifyFailure(smtpError({ code: "EENVELOPE", command: "RCPT TO", responseCode: 550, permanent: true, message: "no such user" })).kind).toBe("rejected");
    expect(classifyFailure(smtpError({ code: "EMESSAGE", command: "DATA", responseCode: 554, permanent: true })).kind).toBe("rejected");
    expect(classifyFailure(smtpError({ code: "EENVELOPE", command: "RCPT TO", responseCode: 552 })).kind).toBe("rejected");
  });

  test("a recipient or message refused for now is `deferred`", () => {
    expect(classifyFailure(smtpError({ code: "EENVELOPE", command: "RCPT TO", responseCode: 451, permanent: false })).kind).toBe("deferred");
    expect(classifyFailure(smtpError({ code: "EMESSAGE", command: "DATA", responseCode: 503 })).kind).toBe("deferred");
  });

  test("connection, TLS, login and sender problems are about the server, whatever the reply code", () => {
    for (const fields of [
      { code: "ESOCKET", message: "connect ECONNREFUSED 127.0.0.1:25" },
      { code: "ETIMEDOUT" },
      { code: "EDNS" },
      { code: "ETLS" },
      { code: "EAUTH", responseCode: 535, permanent: true },
      { code: "EENVELOPE", command: "MAIL FROM", responseCode: 553, permanent: true },
    ]) {
      expect(classifyFailure(smtpError(fields)).kind).toBe("server");
    }
    expect(classifyFailure("boom").kind).toBe("server");
  });

  test("the message keeps code, reply code and text on one bounded line", () => {
    const failure = classifyFailure(smtpError({ code: "EENVELOPE", command: "RCPT TO", responseCode: 550, message: "no\r\nsuch   user" }));
    expect(failure.message).toBe("EENVELOPE 550: no such user");
    expect(classifyFailure(smtpError({ code: "ESOCKET", message: "x".repeat(5000) })).message.length).toBe(1000);
  });
});
