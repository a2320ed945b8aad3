/**
 * HTTP face of chat attachments: upload into a conversation, download by id. The body of an
 * upload is streamed (never buffered) through the file service, which refuses what it can before
 * reading a byte. Announcing the file in the conversation is the client's next step (a message
 * carrying the returned file id), so a failed upload never leaves a dangling message.
 */
import { Elysia, t } from "elysia";
import type { Principal } from "../../auth/principal.model";
import { AppError } from "../../core/errors";
import { downloadResponse } from "../../files/download.response";
import { toFileMetadata } from "../../files/file.model";
import type { FileService } from "../../files/file.service";
import { readMultipartFile } from "../../files/multipart.reader";

/** The multipart field that carries the file. */
export const UPLOAD_FIELD = "file";

/** What the routes need: the file service and the auth layer's request → principal resolver. */
export interface FilesRoutesDeps {
  readonly files: FileService;
  /** The signed-in operator or the widget visitor behind a request, or null when anonymous (CSRF/origin checks belong here too). */
  readonly resolvePrincipal: (request: Request) => Principal | null | Promise<Principal | null>;
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
  url: t.String({ description: "download path, relative to the API origin" }),
});

/** Named Elysia plugin with the upload and download routes. */
export function filesRoutes(deps: FilesRoutesDeps) {
  const principalOf = async (request: Request): Promise<Principal> => {
    const principal = await deps.resolvePrincipal(request);
    if (!principal) throw new AppError("auth.required", "sign in (staff) or open a chat (visitor) to use files");
    return principal;
  };

  return new Elysia({ name: "files", detail: { tags: ["files"] } })
    .post(
      "/api/conversations/:id/files",
      async ({ params, headers, request, set }) => {
        const principal = await principalOf(request);
        const grant = await deps.files.authorizeUpload(principal, params.id, headers["content-length"]);
        const incoming = await readMultipartFile(request.body, headers["content-type"], { field: UPLOAD_FIELD, maxFileBytes: deps.files.maxBytes });
        const file = await deps.files.receive(grant, incoming);
        set.status = 201;
        return toFileMetadata(file);
      },
      {
        parse: "none",
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
            "Visitors may attach while their conversation is open; staff need the `sendFile` permission and the right to reply.",
          requestBody: {
            required: true,
            content: {
              "multipart/form-data": {
                schema: { type: "object", required: [UPLOAD_FIELD], properties: { [UPLOAD_FIELD]: { type: "string", format: "binary" } } },
              },
            },
          },
        },
      },
    )
    .get(
      "/api/files/:id",
      async ({ params, query, request }) => {
        const principal = await principalOf(request);
        const { file, body } = await deps.files.openDownload(principal, params.id);
        const header = (name: string) => request.headers.get(name);
        return downloadResponse(file, body, {
          ifNoneMatch: header("if-none-match"),
          range: header("range"),
          ifRange: header("if-range"),
          forceAttachment: query.download === "1" || query.download === "true",
        });
      },
      {
        params: t.Object({ id: Id("file id") }),
        query: t.Object({ download: t.Optional(t.Union([t.Literal("0"), t.Literal("1"), t.Literal("true"), t.Literal("false")], { description: "1: save instead of showing an image inline" })) }),
        detail: {
          summary: "Download a file",
          description:
            "Only the conversation's visitor, its current and previous operators, operators who may pick it from the queue, and managers/admins; " +
            "anyone else gets `file.not_found`. Images (png, jpeg, gif, webp) are served inline, everything else as an attachment. " +
            "Supports `If-None-Match` (ETag = SHA-256) and single `Range` requests.",
        },
      },
    );
}
