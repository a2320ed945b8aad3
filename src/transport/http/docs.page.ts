/**
 * What the browser gets at /docs: a static HTML shell, the Swagger UI bundle and two small files of
 * ours (start-up script, theme). Nothing is inline and nothing comes from another host, so the page
 * works on an appliance without internet and runs under a CSP that allows only this server.
 */

/** Where the viewer's files are served; the page references them from here. */
export const DOCS_ASSET_PREFIX = "/docs/assets/";

/**
 * The /docs Content-Security-Policy: scripts, styles, fonts and API calls from this origin only, no
 * inline script or style. `data:` images are Swagger UI's SVG icons embedded in its stylesheet.
 * Checked in Chromium: the page renders and "Try it out" works without a single violation.
 */
export const DOCS_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

/** The HTML shell; `specPath` is the OpenAPI document it renders. */
export function docsPage(options: { title: string; specPath: string }): string {
  const title = escapeHtml(options.title);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${DOCS_ASSET_PREFIX}swagger-ui.css">
<link rel="stylesheet" href="${DOCS_ASSET_PREFIX}docs.css">
</head>
<body>
<div id="swagger-ui" data-spec-url="${escapeHtml(options.specPath)}"></div>
<noscript><p class="docs-noscript">The API reference needs JavaScript. The OpenAPI document itself is at <a href="${escapeHtml(options.specPath)}">${escapeHtml(options.specPath)}</a>.</p></noscript>
<script src="${DOCS_ASSET_PREFIX}swagger-ui-bundle.js"></script>
<script src="${DOCS_ASSET_PREFIX}docs.js"></script>
</body>
</html>
`;
}

/**
 * Starts Swagger UI on the spec named by the page. "Try it out" calls the API with the browser's
 * session cookie; the CSRF token the staff API requires on writes (docs/security.md) is picked up
 * from the sign-in or /me response and kept in memory only, so signing in from the page is enough.
 */
export const DOCS_SCRIPT = `"use strict";
(function () {
  var root = document.getElementById("swagger-ui");
  var csrfToken = null;
  window.ui = SwaggerUIBundle({
    url: root.getAttribute("data-spec-url"),
    dom_id: "#swagger-ui",
    deepLinking: true,
    displayRequestDuration: true,
    validatorUrl: null,
    requestInterceptor: function (request) {
      var method = (request.method || "GET").toUpperCase();
      if (csrfToken && method !== "GET" && method !== "HEAD") request.headers["X-CSRF-Token"] = csrfToken;
      return request;
    },
    responseInterceptor: function (response) {
      var body = response && response.obj;
      if (body && typeof body.csrfToken === "string") csrfToken = body.csrfToken;
      return response;
    },
  });
})();
`;

/** Dark mode following the system setting (an inverted palette, as Swagger UI has no dark theme). */
export const DOCS_STYLESHEET = `body { margin: 0; }
.docs-noscript { font: 16px/1.5 system-ui, sans-serif; max-width: 40rem; margin: 4rem auto; padding: 0 1rem; }
@media (prefers-color-scheme: dark) {
  body { background-color: #1b1b1b; }
  .swagger-ui { filter: invert(92%) hue-rotate(180deg); }
  .swagger-ui .microlight, .swagger-ui img { filter: invert(100%) hue-rotate(180deg); }
}
`;

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
