/**
 * Upload names come from the client and end up in HTTP headers, in the recipient's file system and
 * in chat UIs. Sanitising once, at upload, means every later reader can trust the stored name:
 * no paths, no control or bidi characters (the "evil‮gpj.exe" trick), nothing Windows refuses,
 * a bounded length, and an extension that matches the sniffed content.
 */
import { typeFromExtension } from "./content-type.sniffer";

/** Longest stored name in UTF-8 bytes; file systems allow 255, leave room for " (1)" suffixes. */
export const MAX_FILE_NAME_BYTES = 200;

/** Used when nothing usable is left of the client's name. */
const FALLBACK_BASE = "file";

/** C0/C1 controls, zero-width and bidirectional formatting characters, BOM. */
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g;

/** Characters Windows forbids in names (path separators are handled before). */
const WINDOWS_FORBIDDEN = /[<>:"|?*]/g;

/** Device names Windows reserves whatever the extension (CON.txt opens the console). */
const WINDOWS_RESERVED = /^(?:con|prn|aux|nul|com[0-9]|lpt[0-9])(?:\.|$)/i;

/** The sniffed facts the name must agree with. */
export interface NameTarget {
  readonly contentType: string;
  /** Extension to append when the name has none that implies `contentType`. */
  readonly extension: string | null;
}

/** A safe display and download name for an upload, agreeing with its sniffed type. */
export function sanitizeFileName(raw: string | null | undefined, target: NameTarget): string {
  let name = (raw ?? "").normalize("NFC");
  name = name.split(/[\\/]/).pop() ?? "";
  name = name.replace(INVISIBLE, "").replace(WINDOWS_FORBIDDEN, "_").replace(/\s+/g, " ");
  // Leading dots hide files on Unix; trailing dots and spaces are silently dropped by Windows.
  name = name.replace(/^[.\s]+/, "").replace(/[.\s]+$/, "");
  if (name === "") name = FALLBACK_BASE;
  if (WINDOWS_RESERVED.test(name)) name = `_${name}`;
  if (target.extension && typeFromExtension(name) !== target.contentType) name = `${name}.${target.extension}`;
  return truncateKeepingExtension(name, MAX_FILE_NAME_BYTES);
}

/** Shortens the base of a name to fit `maxBytes` of UTF-8, never splitting a character or the extension. */
export function truncateKeepingExtension(name: string, maxBytes: number): string {
  const encoder = new TextEncoder();
  if (encoder.encode(name).byteLength <= maxBytes) return name;
  const dot = name.lastIndexOf(".");
  const extension = dot > 0 && name.length - dot <= 16 ? name.slice(dot) : "";
  const budget = maxBytes - encoder.encode(extension).byteLength;
  let base = "";
  let used = 0;
  for (const char of name.slice(0, name.length - extension.length)) {
    used += encoder.encode(char).byteLength;
    if (used > budget) break;
    base += char;
  }
  return (base.trimEnd() || FALLBACK_BASE) + extension;
}
