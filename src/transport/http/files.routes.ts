/**
 * HTTP face of chat attachments: upload into a conversation, download by id. The body of an
 * upload is streamed (never buffered) through the file service, which refuses what it can before
 * reading a byte. Announcing the file in the conversation is the client's next step (a message
 * carrying the returned file id), so a failed upload never leaves a dangling message.
 *
 * Each route exists twice: under `/api` for the console (session cookie + CSRF) and under
 * `/api/widget` for the widget, which runs on customers' sites and so needs the widget API's CORS.
 * Both accept either kind of caller; the access rules are the same.
 */
import { Elysia, t } from "elysia";
import type { AuthModule } from "../../auth/auth.module";
import type { Principal } from "../../auth/principal.model";
import { readSessionToken } from "../../auth/session-cookie";
import { AppError } from "../../core/errors";
import { downloadResponse } from "../../files/download.response";
import { toFileMetadata } from "../../files/file.model";
import type { FileService } from "../../files/file.service";
import { readMultipartFile } from "../../files/multipart.reader";
import { applyRetryAfter, bearerToken, requestAuth, type GuardOptions, type PeerSource } from "./guards";

/** The multipart field that carries the file. */
export const UPLOAD_FIELD = "file";

/** Route prefixes: the console's API and the widget's CORS-enabled namespace. */
export const FILE_ROUTE_PREFIXES = ["/api", "/api/widget"] as const;

/** Mutable response headers, as Elysia's `set` exposes them. */
type HeaderSink = { headers: Record<string, string | number | undefined> };

/** Finds the caller of a request: a principal, or null when the request carries no credentials at all. */
export type ResolvePrincipal = (request: Request, context: { server: PeerSource; set: HeaderSink }) => Principal | null | Promise<Principal | null>;

/** What the routes need: the file service and how to authenticate a request. */
export interface FilesRoutesDeps {
  readonly files: FileService;
  readonly resolvePrincipal: ResolvePrincipal;
}

/**
 * The production resolver: a `Bearer` visitor token makes a visitor; otherwise the staff session
 * cookie makes an operator (with the Origin and `X-CSRF-Token` checks on uploads). Bad credentials
 * throw their own auth error; none at all resolves to null (`auth.required`).
 */
export function staffOrVisitor(auth: AuthModule, options: GuardOptions = {}): ResolvePrincipal {
  const helpers = requestAuth(auth, options);
  return (request, { server, set }) => {
    if (bearerToken(request)) return { kind: "visitor", visitorId: helpers.visitor(request).id };
    if (!readSessionToken(request.headers.get("cookie"))) return null;
    return helpers.staff(request, server, set).principal;
  };
}

/** A JSON-schema pattern matching `literal` case-insensitively (media types are case-insensitive). */
function caseInsensitive(literal: string): string {
  return [...literal].map((c) => (/[a-z]/i.test(c) ? `[${c.toLowerCase()}${c.toUpperCase()}]` : c.replace(/[/.-]/g, "\\$&"))).join("");
}

const Id = (description: string) => t.String({ minLength: 1, maxLength: 128, pattern: "^[A-Za-z0-9_-]+$", description });

/** The upload response and the `file` of a message. */
export const FileMetadataSchema = t.Object({
  id: t.String({ description: "unguessable file id" }),
  name: t.String({ description: "sanitised file name" }),
  size: t.Integer({ minimum: 1, description: "bytes" }),
  contentType: t.String({ description: "type sniffed from the content" }),
  url: t.String({ description: "download path under /api (the widget uses the same path under /api/widget)" }),
});

const uploadOptions = {
  parse: "none" as const,
  params: t.Object({ id: Id("conversation id") }),
  headers: t.Object({
    "content-type": t.String({ pattern: `^${caseInsensitive("multipart/form-data")}`, description: "multipart/form-data with a boundary" }),
    "content-length": t.Optional(t.Numeric({ minimum: 0 })),
  }),
  response: { 201: FileMetadataSchema },
  detail: {
    summary: "Attach a file to a conversation",
    description:
      `Multipart form with one file in the \`${UPLOAD_FIELD}\` field. The type is sniffed from the bytes and must match the name/declared type ` +
      "(`upload.type_mismatch`) and be in `files.allowedTypes` (`upload.type_not_allowed`); at most `files.maxBytes` (`upload.too_large`). " +
      "Visitors (Bearer token) may attach while their conversation is open; staff (session cookie + X-CSRF-Token) need the `sendFile` " +
      "permission and the right to reply. rate.limited (429 + Retry-After) past rateLimits.upload.",
    requestBody: {
      required: true,
      content: {
        "multipart/form-data": { schema: { type: "object" as const, required: [UPLOAD_FIELD], properties: { [UPLOAD_FIELD]: { type: "string" as const, format: "binary" } } } },
      },
    },
  },
};

const downloadOptions = {
  params: t.Object({ id: Id("file id") }),
  query: t.Object({
    download: t.Optional(t.Union([t.Literal("0"), t.Literal("1"), t.Literal("true"), t.Literal("false")], { description: "1: save instead of showing an image inline" })),
  }),
  detail: {
    summary: "Download a file",
    description:
      "Only the conversation's visitor, its current and previous operators, operators who may pick it from the queue, and managers/admins; " +
      "anyone else gets `file.not_found`. Images (png, jpeg, gif, webp) are served inline, everything else as an attachment. " +
      "Supports `If-None-Match` (ETag = SHA-256) and single `Range` requests.",
  },
};

/** Named Elysia plugin with the upload and download routes under both prefixes. */
export function filesRoutes(deps: FilesRoutesDeps) {
  const principalOf = async (request: Request, server: PeerSource, set: HeaderSink): Promise<Principal> => {
    const principal = await deps.resolvePrincipal(request, { server, set });
    if (!principal) throw new AppError("auth.required", "sign in (staff) or open a chat (visitor) to use files");
    return principal;
  };

  type UploadContext = { params: { id: string }; headers: { "content-type": string; "content-length"?: number }; request: Request; server: PeerSource; set: HeaderSink & { status?: number | string } };
  const upload = async ({ params, headers, request, server, set }: UploadContext) => {
    try {
      const principal = await principalOf(request, server, set);
      const grant = await deps.files.authorizeUpload(principal, params.id, headers["content-length"]);
      const incoming = await readMultipartFile(request.body, headers["content-type"], { field: UPLOAD_FIELD, maxFileBytes: deps.files.maxBytes });
      const file = await deps.files.receive(grant, incoming);
      set.status = 201;
      return toFileMetadata(file);
    } catch (error) {
      applyRetryAfter(set, error);
      throw error;
    }
  };

  type DownloadContext = { params: { id: string }; query: { download?: string }; request: Request; server: PeerSource; set: HeaderSink };
  const download = async ({ params, query, request, server, set }: DownloadContext) => {
    const principal = await principalOf(request, server, set);
    const { file, body } = await deps.files.openDownload(principal, params.id);
    const header = (name: string) => request.headers.get(name);
    return downloadResponse(file, body, {
      ifNoneMatch: header("if-none-match"),
      range: header("range"),
      ifRange: header("if-range"),
      forceAttachment: query.download === "1" || query.download === "true",
    });
  };

  const [console, widget] = FILE_ROUTE_PREFIXES;
  return new Elysia({ name: "files", detail: { tags: ["files"] } })
    .post(`${console}/conversations/:id/files`, upload, uploadOptions)
    .get(`${console}/files/:id`, download, downloadOptions)
    .post(`${widget}/conversations/:id/files`, upload, uploadOptions)
    .get(`${widget}/files/:id`, download, downloadOptions);
}
