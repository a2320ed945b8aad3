/**
 * Decides what an upload really is from its bytes, never from what the client claims: a browser
 * (or an attacker) names and types the part however it likes, while the type we store is the one
 * the file will be served with. Binary formats are recognised by their magic numbers (`file-type`);
 * text has none, so it is recognised by being valid UTF-8 without NUL bytes, and then takes the
 * textual type its name or declared type claims, unless it opens like HTML/SVG (types a browser
 * would render and run scripts in), which is detected as such whatever it claims.
 */
import { fileTypeFromBlob } from "file-type";
import { AppError } from "../core/errors";

/** Bytes of the start of a file kept for markup detection (the WHATWG sniffing window is 1445). */
const HEAD_BYTES = 1445;

/** Spellings of one type that browsers and OSes use interchangeably, mapped to the canonical one. */
const MIME_ALIASES: Readonly<Record<string, string>> = {
  "image/jpg": "image/jpeg",
  "image/pjpeg": "image/jpeg",
  "image/x-png": "image/png",
  "application/x-pdf": "application/pdf",
  "application/x-zip-compressed": "application/zip",
  "audio/x-wav": "audio/wav",
  "audio/wave": "audio/wav",
  "image/vnd.microsoft.icon": "image/x-icon",
  "text/xml": "application/xml",
};

/** The usual extension of the types we can identify without magic numbers. */
const TEXT_EXTENSIONS: Readonly<Record<string, string>> = {
  "text/plain": "txt",
  "text/csv": "csv",
  "text/markdown": "md",
  "text/html": "html",
  "image/svg+xml": "svg",
};

/** Catch-all the browser sends when it does not know; it claims nothing. */
const UNKNOWN_TYPE = "application/octet-stream";

/** Lower-cased MIME essence (no parameters), with aliases folded; null when empty or unknown. */
export function normalizeMime(type: string | null | undefined): string | null {
  const essence = (type ?? "").split(";")[0]!.trim().toLowerCase();
  if (essence === "" || essence === UNKNOWN_TYPE) return null;
  return MIME_ALIASES[essence] ?? essence;
}

/** The type a file name's extension implies (Bun's extension table), or null when it implies none. */
export function typeFromExtension(fileName: string): string | null {
  const base = fileName.split(/[\\/]/).pop() ?? "";
  if (!/\.[A-Za-z0-9]+$/.test(base)) return null;
  return normalizeMime(Bun.file(`/${base}`).type);
}

/** The extension to give a file of this type when its name has none that fits. */
export function extensionForType(contentType: string, sniffedExtension?: string): string | null {
  return sniffedExtension ?? TEXT_EXTENSIONS[contentType] ?? null;
}

/**
 * Watches an upload's bytes as they stream past: whether they are plain UTF-8 text (no NULs, no
 * invalid sequences) and the first bytes for markup detection. Fed chunk by chunk so text
 * validation never needs the whole file in memory.
 */
export class TextProbe {
  private readonly decoder = new TextDecoder("utf-8", { fatal: true });
  private text = true;
  private readonly headChunks: Uint8Array[] = [];
  private headLength = 0;

  /** Inspects the next chunk of the upload. */
  feed(chunk: Uint8Array): void {
    if (this.headLength < HEAD_BYTES) {
      const part = chunk.subarray(0, HEAD_BYTES - this.headLength);
      this.headChunks.push(part.slice());
      this.headLength += part.byteLength;
    }
    if (!this.text) return;
    if (chunk.includes(0)) this.text = false;
    else this.decodes(() => this.decoder.decode(chunk, { stream: true }));
  }

  /** Called once after the last chunk; false when the bytes are not clean UTF-8 text. */
  isText(): boolean {
    if (this.text) this.decodes(() => this.decoder.decode());
    return this.text;
  }

  /** The first bytes of the upload. */
  head(): Uint8Array {
    return Buffer.concat(this.headChunks);
  }

  private decodes(run: () => unknown): void {
    try {
      run();
    } catch {
      this.text = false;
    }
  }
}

/** The markup type of text that opens like HTML or SVG (what a browser would render), or null. */
export function detectMarkup(head: Uint8Array): string | null {
  const start = new TextDecoder("utf-8").decode(head).replace(/^\uFEFF/, "").trimStart();
  if (/^(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*<svg[\s>]/i.test(start)) return "image/svg+xml";
  if (/^<(?:!doctype\s+html|html|head|script|iframe|h1|div|font|table|a|style|title|b|body|br|p|!--)[\s>/]/i.test(start)) return "text/html";
  return null;
}

/** What the client said about the file: the part's file name and Content-Type. */
export interface DeclaredType {
  readonly fileName: string;
  readonly mimeType?: string;
}

/** The outcome of sniffing: the type to store and serve, and the extension that fits it. */
export interface SniffedType {
  readonly contentType: string;
  readonly extension: string | null;
}

/** Everything needed to judge one received upload. */
export interface SniffInput {
  /** The received bytes (a Bun.file of the temporary blob): read lazily, only as far as needed. */
  readonly blob: Blob;
  readonly probe: TextProbe;
  readonly declared: DeclaredType;
  /** config.files.allowedTypes. */
  readonly allowedTypes: readonly string[];
}

/**
 * Identifies the upload and enforces the policy: every claim (declared type, extension) must agree
 * with the bytes (`upload.type_mismatch`), then the real type must be allowed (`upload.type_not_allowed`).
 * Mismatch is checked first so a disguised file is reported as the disguise it is.
 */
export async function sniffUpload(input: SniffInput): Promise<SniffedType> {
  const claim = claimedType(input.declared);
  const magic = await fileTypeFromBlob(input.blob);
  const contentType = magic ? normalizeMime(magic.mime) ?? UNKNOWN_TYPE : textType(input.probe, claim);
  if (claim !== null && claim !== contentType) {
    throw new AppError("upload.type_mismatch", `"${input.declared.fileName}" claims to be ${claim} but its content is ${describe(contentType)}`, {
      claimed: claim,
      detected: contentType,
    });
  }
  const allowed = new Set(input.allowedTypes.map((type) => normalizeMime(type) ?? type));
  if (!allowed.has(contentType)) {
    throw new AppError("upload.type_not_allowed", `files of type ${describe(contentType)} are not accepted; allowed: ${[...allowed].join(", ")}`, {
      detected: contentType,
      allowed: [...allowed],
    });
  }
  return { contentType, extension: extensionForType(contentType, magic?.ext) };
}

/**
 * The type the client claims. The extension wins over the part's Content-Type: browsers derive the
 * latter from the former through OS tables that disagree with each other (Windows sends `.csv` as
 * `application/vnd.ms-excel`), while the extension is what the recipient's OS will act on.
 */
function claimedType(declared: DeclaredType): string | null {
  return typeFromExtension(declared.fileName) ?? normalizeMime(declared.mimeType);
}

/** Types whose content is plain text by definition, so clean UTF-8 is all their bytes can show. */
function isTextual(type: string): boolean {
  return type.startsWith("text/") || /^application\/(?:[\w.-]+\+)?(?:json|xml)$/.test(type);
}

/**
 * The type of bytes without a magic number. Clean text takes the textual type it claims (a text
 * file must say it is one: undeclared text is as unknown as any other blob; text claiming to be an
 * image is plain text, hence a mismatch), except that markup is called markup whatever it claims.
 * Anything else is unknown binary.
 */
function textType(probe: TextProbe, claim: string | null): string {
  if (!probe.isText()) return UNKNOWN_TYPE;
  const markup = detectMarkup(probe.head());
  if (markup) return markup;
  if (claim === null) return UNKNOWN_TYPE;
  return isTextual(claim) ? claim : "text/plain";
}

/** Human wording for error messages. */
function describe(contentType: string): string {
  return contentType === UNKNOWN_TYPE ? "not a recognised file type" : contentType;
}
