import { describe, expect, test } from "bun:test";
import { replyMailto } from "./reply-link";

describe("reply by e-mail link", () => {
  test("addresses the visitor with a subject and their message quoted", () => {
    const url = replyMailto({ name: "Vera", email: "vera@mail.example", message: "Call me\nplease", createdAt: 0 }, "Your message", "Vera wrote:");
    expect(url.startsWith("mailto:vera@mail.example?subject=Your%20message&body=")).toBe(true);
    const body = decodeURIComponent(new URL(url).searchParams.get("body") !== null ? url.split("&body=")[1]! : "");
    expect(body).toBe("Vera wrote:\r\n> Call me\r\n> please\r\n\r\n");
  });

  test("a hostile address or text cannot add recipients or headers", () => {
    const url = replyMailto({ name: "x", email: "a@b.example?cc=boss@corp.example", message: "hi&bcc=spy@evil.example", createdAt: 0 }, "Re", "x:");
    expect(url).not.toContain("?cc=");
    expect(url).not.toContain("&bcc=");
    expect(url.split("?").length).toBe(2);
  });
});
