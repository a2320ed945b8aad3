/**
 * The UIs' view of the realtime protocol: the very schemas and types the server validates with, so
 * the widget and the console can never drift from the server. Pure TypeBox; no server code comes along.
 */
export * from "../../src/transport/ws/protocol";
