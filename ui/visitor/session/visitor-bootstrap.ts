/**
 * Getting a visitor token from the server, patiently: the widget may load while the server restarts
 * or the network hiccups, so it retries with backoff until it succeeds. An identity hash the server
 * rejects (`auth.identity_invalid`) is dropped — the visitor continues anonymously — rather than
 * leaving them without a chat; a site not allowed to embed the widget is a final no.
 */
import { backoffDelay, DEFAULT_BACKOFF } from "../../shared/socket.model";
import type { VisitorUser } from "../embed-options";
import { HttpError, type ServerClient, type VisitorSessionInfo } from "./server.client";

/** Bootstraps (or resumes with `token`) the visitor session; resolves once the server answered. */
export async function bootstrapVisitor(server: ServerClient, token: string | undefined, user: VisitorUser): Promise<VisitorSessionInfo> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await server.bootstrap(token, user);
    } catch (error) {
      const code = error instanceof HttpError ? error.code : "network";
      if (code === "auth.identity_invalid") {
        console.warn("Parley: the userHash does not match the userId; continuing as an anonymous visitor");
        user = { ...user, userId: undefined, userHash: undefined };
        continue;
      }
      if (code === "auth.origin" || code === "request.invalid") throw error;
      await new Promise((resolve) => setTimeout(resolve, (error as HttpError).retryAfterMs ?? backoffDelay(attempt, DEFAULT_BACKOFF, Math.random)));
    }
  }
}
