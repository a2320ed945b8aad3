import { describe, expect, test } from "bun:test";
import { detectMarkup, sniffUpload, TextProbe, typeFromExtension } from "./content-type.sniffer";
import { EXE, GIF, HTML, JPEG, PDF, PNG, refusal, TEXT, WEBP, zip } from "./file-fixtures.testing";

const DEFAULT_ALLOWED = ["image/png", "image/jpeg", "image/gif", "image/webp", "application/pdf", "text/plain"];

/** Runs the sniffer the way the service does: bytes streamed through a probe, blob read lazily. */
async function sniff(content: Uint8Array, fileName: string, mimeType?: string, allowedTypes = DEFAULT_ALLOWED, chunkSize = 7) {
  const probe = new TextProbe();
  for (let i = 0; i < content.length; i += chunkSize) probe.feed(content.subarray(i, i + chunkSize));
  return sniffUpload({ blob: new Blob([content as Uint8Array<ArrayBuffer>]), probe, declared: { fileName, mimeType }, allowedTypes });
}

describe("recognises real files from their bytes", () => {
  test.each([
    ["photo.png", "image/png", PNG, "image/png", "png"],
    ["photo.jpg", "image/jpeg", JPEG, "image/jpeg", "jpg"],
    ["photo.jpeg", "image/jpeg", JPEG, "image/jpeg", "jpg"],
    ["anim.gif", "image/gif", GIF, "image/gif", "gif"],
    ["pic.webp", "image/webp", WEBP, "image/webp", "webp"],
    ["invoice.pdf", "application/pdf", PDF, "application/pdf", "pdf"],
    ["notes.txt", "text/plain", TEXT, "text/plain", "txt"],
  ] as const)("%s", async (name, declared, content, expectedType, expectedExt) => {
    expect(await sniff(content, name, declared)).toEqual({ contentType: expectedType, extension: expectedExt });
  });

  test("old browser spellings of a type are the same type (image/jpg, image/pjpeg)", async () => {
    expect((await sniff(JPEG, "photo.jpg", "image/jpg")).contentType).toBe("image/jpeg");
    expect((await sniff(JPEG, "photo", "image/pjpeg")).contentType).toBe("image/jpeg");
  });

  test("a file with no name and an unknown declared type is judged on its bytes alone", async () => {
    expect(await sniff(PNG, "", "application/octet-stream")).toEqual({ contentType: "image/png", extension: "png" });
  });

  test("the extension is the claim when the OS sends a strange Content-Type for it", async () => {
    // Windows browsers send text files with whatever the registry says; the name decides.
    expect((await sniff(TEXT, "notes.txt", "application/vnd.ms-excel")).contentType).toBe("text/plain");
  });

  test("text split mid-character across chunks is still text", async () => {
    expect((await sniff(TEXT, "notes.txt", "text/plain", DEFAULT_ALLOWED, 1)).contentType).toBe("text/plain");
  });
});

describe("refuses disguised files as a type mismatch", () => {
  test("a .png that is really a zip archive", async () => {
    const error = await refusal(sniff(zip(), "holiday.png", "image/png"));
    expect(error.code).toBe("upload.type_mismatch");
    expect(error.details).toEqual({ claimed: "image/png", detected: "application/zip" });
  });

  test("a .png that is really an HTML page", async () => {
    const error = await refusal(sniff(HTML, "holiday.png", "image/png"));
    expect(error.code).toBe("upload.type_mismatch");
    expect(error.details?.detected).toBe("text/html");
  });

  test("a .txt that is really an HTML page (markup is markup whatever it claims)", async () => {
    expect((await refusal(sniff(HTML, "readme.txt", "text/plain"))).code).toBe("upload.type_mismatch");
  });

  test("a .txt that is really an SVG image", async () => {
    const svg = Buffer.from('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>');
    expect((await refusal(sniff(svg, "logo.txt", "text/plain"))).code).toBe("upload.type_mismatch");
  });

  test("a .jpg that is really a PNG", async () => {
    expect((await refusal(sniff(PNG, "photo.jpg", "image/jpeg"))).code).toBe("upload.type_mismatch");
  });

  test("a .pdf that is really an executable", async () => {
    expect((await refusal(sniff(EXE, "invoice.pdf", "application/pdf"))).code).toBe("upload.type_mismatch");
  });

  test("plain text pretending to be an image", async () => {
    const error = await refusal(sniff(TEXT, "photo.png", "image/png"));
    expect(error.code).toBe("upload.type_mismatch");
    expect(error.details?.detected).toBe("text/plain");
  });

  test("binary junk named .txt (NUL bytes, invalid UTF-8) is not text", async () => {
    expect((await refusal(sniff(Buffer.from([0x68, 0x69, 0x00, 0x21]), "notes.txt", "text/plain"))).code).toBe("upload.type_mismatch");
    expect((await refusal(sniff(Buffer.from([0x68, 0xc3, 0x28]), "notes.txt", "text/plain"))).code).toBe("upload.type_mismatch");
  });

  test("a name without extension declared as PNG but holding a PDF", async () => {
    expect((await refusal(sniff(PDF, "scan", "image/png"))).code).toBe("upload.type_mismatch");
  });
});

describe("refuses types the configuration does not allow", () => {
  test("an honest .exe", async () => {
    const error = await refusal(sniff(EXE, "setup.exe", "application/x-msdownload"));
    expect(error.code).toBe("upload.type_not_allowed");
    expect(error.message).toContain("application/x-msdownload");
  });

  test("an honest .html page", async () => {
    expect((await refusal(sniff(HTML, "page.html", "text/html"))).code).toBe("upload.type_not_allowed");
  });

  test("an honest zip", async () => {
    expect((await refusal(sniff(zip(), "archive.zip", "application/zip"))).code).toBe("upload.type_not_allowed");
  });

  test("text that does not say it is text has no type we can vouch for", async () => {
    const error = await refusal(sniff(TEXT, "blob", "application/octet-stream"));
    expect(error.code).toBe("upload.type_not_allowed");
    expect(error.message).toContain("not a recognised file type");
  });

  test("the allow-list is the configured one: zip allowed, PDF not", async () => {
    expect((await sniff(zip(), "archive.zip", "application/zip", ["application/zip"])).contentType).toBe("application/zip");
    expect((await refusal(sniff(PDF, "invoice.pdf", "application/pdf", ["application/zip"]))).code).toBe("upload.type_not_allowed");
  });

  test("CSV is its own text type, accepted only when allowed", async () => {
    const csv = Buffer.from("id,amount\n1,9.99\n");
    expect((await refusal(sniff(csv, "export.csv", "text/csv"))).code).toBe("upload.type_not_allowed");
    expect((await sniff(csv, "export.csv", "text/csv", ["text/csv"])).contentType).toBe("text/csv");
  });
});

describe("helpers", () => {
  test("extension → type, case-insensitive, unknown extensions claim nothing", () => {
    expect(typeFromExtension("A.PNG")).toBe("image/png");
    expect(typeFromExtension("dir/../x.txt")).toBe("text/plain");
    expect(typeFromExtension("noext")).toBeNull();
    expect(typeFromExtension("x.unknownext")).toBeNull();
  });

  test("markup detection skips a BOM and leading blank lines, and is not fooled by prose", () => {
    const enc = (s: string) => new TextEncoder().encode(s);
    expect(detectMarkup(enc("\uFEFF\n\n  <HTML><body>"))).toBe("text/html");
    expect(detectMarkup(enc("<!-- comment --><svg viewBox='0 0 1 1'>"))).toBe("image/svg+xml");
    expect(detectMarkup(enc("Use <b>bold</b> in the editor"))).toBeNull();
    expect(detectMarkup(enc("<b> is bold"))).toBe("text/html");
  });
});
