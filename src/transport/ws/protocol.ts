/**
 * The realtime protocol: the one schema module for every WebSocket frame, both directions. Each
 * schema is the runtime validator and the static type. It imports only `@sinclair/typebox`, so the
 * browser bundles import it (through ui/shared/protocol.ts) without the server framework.
 * Documented in docs/protocol.md.
 */
export * from "./protocol.shared";
export * from "./protocol.client";
export * from "./protocol.events";
export * from "./protocol.server";
