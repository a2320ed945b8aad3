/**
 * The browsable API reference at /docs, self-contained: the Swagger UI viewer (npm swagger-ui-dist)
 * is imported `with { type: "file" }`, so `bun build --compile` embeds it in the binary and a dev
 * run reads it from node_modules. An appliance without internet shows the same page as one with.
 *
 * The viewer is 1.9 MB and rarely opened, so nothing of it is read at start: each file is read and
 * gzipped (off the event loop) on its first request, then only the compressed copy stays in memory.
 * The OpenAPI document it displays is generated the same way, on its first request (see
 * {@link openapiDocumentRoutes}).
 */
import { Elysia } from "elysia";
import { promisify } from "node:util";
import swaggerUiBundle from "swagger-ui-dist/swagger-ui-bundle.js" with { type: "file" };
import swaggerUiCss from "swagger-ui-dist/swagger-ui.css" with { type: "file" };
import { DOCS_ASSET_PREFIX, DOCS_CSP, DOCS_SCRIPT, DOCS_STYLESHEET, docsPage } from "./docs.page";
import { errorBody } from "./errors";

/** One viewer file: its media type and where its bytes come from (an embedded/installed file or our own text). */
interface DocsAsset {
  readonly type: string;
  readonly source: { readonly file: string } | { readonly text: string };
}

/** Every file the docs page may load, by name under /docs/assets/ (an explicit list: nothing else is served). */
export const DOCS_ASSETS: Readonly<Record<string, DocsAsset>> = {
  "swagger-ui-bundle.js": { type: "text/javascript; charset=utf-8", source: { file: swaggerUiBundle } },
  "swagger-ui.css": { type: "text/css; charset=utf-8", source: { file: swaggerUiCss } },
  "docs.js": { type: "text/javascript; charset=utf-8", source: { text: DOCS_SCRIPT } },
  "docs.css": { type: "text/css; charset=utf-8", source: { text: DOCS_STYLESHEET } },
};

/** A prepared asset: the gzipped bytes (kept) and the identity body (re-read from the file when asked for). */
interface PreparedAsset {
  readonly gzip: Uint8Array<ArrayBuffer>;
  readonly etag: string;
  identity(): BodyInit;
}

/** The files change only with a new binary: browsers revalidate each visit and get a 304. */
const CACHE_CONTROL = "no-cache";

async function prepare(asset: DocsAsset): Promise<PreparedAsset> {
  const source = asset.source;
  const bytes = "file" in source ? await Bun.file(source.file).bytes() : new TextEncoder().encode(source.text);
  // node:zlib is loaded here, not at start: nothing else on the start path needs it.
  const { gzip } = await import("node:zlib");
  const compressed = await promisify(gzip)(bytes, { level: 9 });
  return {
    gzip: new Uint8Array(compressed),
    etag: `"${Bun.hash(bytes).toString(36)}"`,
    identity: () => ("file" in source ? Bun.file(source.file) : source.text),
  };
}

function respond(request: Request, asset: DocsAsset, prepared: PreparedAsset): Response {
  const headers = new Headers({ "content-type": asset.type, "cache-control": CACHE_CONTROL, etag: prepared.etag, vary: "Accept-Encoding" });
  if (request.headers.get("if-none-match") === prepared.etag) return new Response(null, { status: 304, headers });
  if (/\bgzip\b/.test(request.headers.get("accept-encoding") ?? "")) {
    headers.set("content-encoding", "gzip");
    return new Response(prepared.gzip, { headers });
  }
  return new Response(prepared.identity(), { headers });
}

/** Named Elysia plugin serving /docs and its assets; hidden from the OpenAPI document it displays. */
export function docsRoutes(options: { title: string; specPath: string }) {
  const page = docsPage(options);
  const prepared = new Map<string, Promise<PreparedAsset>>();
  const hidden = { detail: { hide: true } };

  return new Elysia({ name: "api-docs" })
    .get(
      "/docs",
      () => new Response(page, { headers: { "content-type": "text/html; charset=utf-8", "cache-control": CACHE_CONTROL, "content-security-policy": DOCS_CSP } }),
      hidden,
    )
    .get(
      `${DOCS_ASSET_PREFIX}:file`,
      async ({ request, params }) => {
        const asset = Object.hasOwn(DOCS_ASSETS, params.file) ? DOCS_ASSETS[params.file] : undefined;
        if (!asset) return Response.json(errorBody("not_found", `${DOCS_ASSET_PREFIX}${params.file} is not part of the API reference`), { status: 404 });
        let ready = prepared.get(params.file);
        if (!ready) {
          ready = prepare(asset);
          prepared.set(params.file, ready);
          // A failed read is not cached: the next request tries again.
          ready.catch(() => prepared.delete(params.file));
        }
        return respond(request, asset, await ready);
      },
      hidden,
    );
}

/** What the OpenAPI document says about the API as a whole; paths and schemas come from the routes. */
export interface ApiDocumentation {
  readonly info: { readonly title: string; readonly version: string; readonly description: string };
  readonly tags: readonly { readonly name: string; readonly description: string }[];
}

/** The OpenAPI version of the document (the generator's default). */
const OPENAPI_VERSION = "3.1.2";

/**
 * GET `specPath`: the OpenAPI document of every route of the app this plugin is mounted in, built by
 * @elysiajs/openapi's generator. The generator is imported on the first request, not at start (it
 * costs start-up memory and most days nobody reads the document); the routes are all registered by
 * then, so the document is built once and kept.
 */
export function openapiDocumentRoutes(options: { specPath: string; documentation: ApiDocumentation }) {
  const plugin = new Elysia({ name: "api-openapi-document" });
  let document: Promise<object> | null = null;
  const generate = async (): Promise<object> => {
    const { toOpenAPISchema } = await import("@elysiajs/openapi/openapi");
    // Mounted with .use(), the plugin sees every route of the app, not only its own.
    const { paths, components } = toOpenAPISchema(plugin, undefined, undefined, undefined, OPENAPI_VERSION);
    return { ...options.documentation, openapi: OPENAPI_VERSION, paths, components: { schemas: components.schemas } };
  };
  return plugin.get(
    options.specPath,
    () => {
      if (!document) {
        document = generate();
        // A failed generation is not kept: the next request tries again.
        document.catch(() => (document = null));
      }
      return document;
    },
    { detail: { hide: true } },
  );
}
