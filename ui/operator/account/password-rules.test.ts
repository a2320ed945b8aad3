import { describe, expect, test } from "bun:test";
import { MIN_PASSWORD_LENGTH as SERVER_MIN, MAX_PASSWORD_LENGTH as SERVER_MAX } from "../../../src/auth/password.service";
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, passwordFormProblem } from "./password-rules";

describe("change password form", () => {
  test("states the server's own limits", () => {
    expect(MIN_PASSWORD_LENGTH).toBe(SERVER_MIN);
    expect(MAX_PASSWORD_LENGTH).toBe(SERVER_MAX);
  });

  test("finds the first problem before the server is asked", () => {
    const good = "correct horse battery";
    expect(passwordFormProblem("", good, good)).toBe("missing-current");
    expect(passwordFormProblem("old-password", "short", "short")).toBe("too-short");
    expect(passwordFormProblem("old-password", " ".repeat(12), " ".repeat(12))).toBe("blank");
    expect(passwordFormProblem(good, good, good)).toBe("same");
    expect(passwordFormProblem("old-password", good, `${good}!`)).toBe("mismatch");
    expect(passwordFormProblem("old-password", "x".repeat(1025), "x".repeat(1025))).toBe("too-long");
    expect(passwordFormProblem("old-password", good, good)).toBeNull();
  });
});
