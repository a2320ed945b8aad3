/**
 * Types for the Swagger UI files imported `with { type: "file" }` by docs.routes.ts: such an import
 * yields the readable path of the file (inside the compiled binary, or in node_modules in a dev run).
 */
declare module "swagger-ui-dist/swagger-ui-bundle.js" {
  const path: string;
  export default path;
}

declare module "swagger-ui-dist/swagger-ui.css" {
  const path: string;
  export default path;
}
