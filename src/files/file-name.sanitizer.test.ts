import { describe, expect, test } from "bun:test";
import { MAX_FILE_NAME_BYTES, sanitizeFileName, truncateKeepingExtension } from "./file-name.sanitizer";

const png = { contentType: "image/png", extension: "png" };
const text = { contentType: "text/plain", extension: "txt" };

describe("sanitizeFileName", () => {
  test("keeps an ordinary name, accents and all", () => {
    expect(sanitizeFileName("Relevé de compte.png", png)).toBe("Relevé de compte.png");
  });

  test("drops any path the client sent (Unix and Windows separators)", () => {
    expect(sanitizeFileName("../../etc/passwd.txt", text)).toBe("passwd.txt");
    expect(sanitizeFileName("C:\\Users\\ann\\Desktop\\scan.png", png)).toBe("scan.png");
  });

  test("removes control and bidi-override characters (the reversed-extension trick)", () => {
    expect(sanitizeFileName("invoice\u202Egnp.exe.png", png)).toBe("invoicegnp.exe.png");
    expect(sanitizeFileName("a\u0000b\r\nc.png", png)).toBe("abc.png");
  });

  test("replaces characters Windows refuses and collapses whitespace", () => {
    expect(sanitizeFileName('what?  "quoted"  <x>|y*.png', png)).toBe("what_ _quoted_ _x__y_.png");
  });

  test("no hidden files, no trailing dots or spaces", () => {
    expect(sanitizeFileName(".bashrc.txt", text)).toBe("bashrc.txt");
    expect(sanitizeFileName("report.png. . ", png)).toBe("report.png");
  });

  test("Windows device names are defused", () => {
    expect(sanitizeFileName("CON.txt", text)).toBe("_CON.txt");
    expect(sanitizeFileName("lpt1", text)).toBe("_lpt1.txt");
  });

  test("an empty or all-junk name becomes 'file' with the right extension", () => {
    expect(sanitizeFileName("", png)).toBe("file.png");
    expect(sanitizeFileName(undefined, png)).toBe("file.png");
    expect(sanitizeFileName(" ... ", png)).toBe("file.png");
  });

  test("the extension is made to match the sniffed type", () => {
    expect(sanitizeFileName("screenshot", png)).toBe("screenshot.png");
    expect(sanitizeFileName("data.bin", png)).toBe("data.bin.png");
    expect(sanitizeFileName("photo.JPEG", { contentType: "image/jpeg", extension: "jpg" })).toBe("photo.JPEG");
  });

  test("long names are cut to the byte budget, keeping the extension and whole characters", () => {
    const name = sanitizeFileName(`${"é".repeat(300)}.png`, png);
    expect(new TextEncoder().encode(name).byteLength).toBeLessThanOrEqual(MAX_FILE_NAME_BYTES);
    expect(name.endsWith(".png")).toBe(true);
    expect(name).toMatch(/^é+\.png$/);
  });
});

describe("truncateKeepingExtension", () => {
  test("never splits an emoji (surrogate pair)", () => {
    const cut = truncateKeepingExtension(`${"👍".repeat(10)}.txt`, 14);
    expect(cut).toBe("👍👍.txt");
  });

  test("short names are untouched", () => {
    expect(truncateKeepingExtension("a.txt", 10)).toBe("a.txt");
  });
});
