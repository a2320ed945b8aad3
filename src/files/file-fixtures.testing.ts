/**
 * Tiny but real files for the upload tests, built from their magic numbers here rather than
 * checked in as binaries, so each test shows exactly which bytes make a file what it is.
 * Test support only: imported by *.test.ts files, never by the server.
 */
import { expect } from "bun:test";
import { AppError } from "../core/errors";
import type { FileConversationView, FilePrincipal } from "./file.model";
import type { PermissionFlags } from "../config/schema";

const bytes = (...parts: (string | number[] | Uint8Array)[]): Uint8Array =>
  Buffer.concat(parts.map((part) => (typeof part === "string" ? Buffer.from(part, "latin1") : Buffer.from(part))));

/** 32-bit little-endian. */
const le32 = (n: number) => [n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff];
const le16 = (n: number) => [n & 0xff, (n >>> 8) & 0xff];

/** A valid 1×1 PNG (signature, IHDR, IDAT, IEND). */
export const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=", "base64");

/** JPEG: SOI marker, then a JFIF APP0 segment. */
export const JPEG = bytes([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10], "JFIF\0", [0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00], [0xff, 0xd9]);

/** GIF89a header with a 1×1 logical screen, then the trailer. */
export const GIF = bytes("GIF89a", [0x01, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00], [0x3b]);

/** WebP: RIFF container whose form type is WEBP, with a VP8L chunk header. */
export const WEBP = bytes("RIFF", le32(12), "WEBP", "VP8L", le32(0));

/** PDF: the `%PDF-` header is the magic number. */
export const PDF = bytes("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

/** A ZIP archive with one stored entry `a.txt` (local file header + data). */
export function zip(entryName = "a.txt", content = "hello"): Uint8Array {
  return bytes("PK\x03\x04", le16(20), le16(0), le16(0), le16(0), le16(0), le32(0), le32(content.length), le32(content.length), le16(entryName.length), le16(0), entryName, content);
}

/** A Windows executable: the `MZ` DOS header. */
export const EXE = bytes("MZ", [0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00], new Uint8Array(56));

/** An HTML page with a script: what must never be served as something a browser renders. */
export const HTML = bytes("<!DOCTYPE html>\n<html><body><script>alert(document.cookie)</script></body></html>\n");

/** Clean UTF-8 text, accents and emoji included. */
export const TEXT = bytes(Buffer.from("Order #4521: café, naïve, 👍\nSecond line.\n", "utf8"));

/** Every dashboard feature on. */
export const ALL_PERMISSIONS: PermissionFlags = {
  print: true,
  emailTranscript: true,
  markImportant: true,
  requestManagerHelp: true,
  listOnlineOperators: true,
  knowledgeSearch: true,
  cannedResponses: true,
  requestFile: true,
  sendFile: true,
  sendQuestionnaire: true,
  operatorChat: true,
};

/** A visitor principal. */
export function visitor(visitorId: string, conversationId?: string): FilePrincipal {
  return conversationId === undefined ? { kind: "visitor", visitorId } : { kind: "visitor", visitorId, conversationId };
}

/** A staff principal of the given role. */
export function staff(id: string, role: "operator" | "manager" | "admin" = "operator", overrides: Partial<PermissionFlags> = {}, departments: string[] = []): FilePrincipal {
  return { kind: "operator", id, name: id, email: `${id}@example.test`, role, departments, permissions: { ...ALL_PERMISSIONS, ...overrides } };
}

/** An active conversation of visitor `v1` handled by operator `op1`, previously by `op0`. */
export function conversation(overrides: Partial<FileConversationView> = {}): FileConversationView {
  return { id: "c1", state: "active", visitorId: "v1", departmentId: "sales", operatorId: "op1", previousOperatorIds: ["op0"], ...overrides };
}

/** The AppError a promise rejects with (fails the test if it resolves or throws anything else). */
export async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}
