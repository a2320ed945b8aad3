/**
 * Visitor identity for the widget. Third-party cookies are unreliable inside customers' sites, so
 * a visitor holds a bearer token (256 random bits, base64url) in the host page's localStorage and
 * presents it on every bootstrap and socket connection; we keep only its SHA-256. With identity
 * verification the host site vouches for its user id (HMAC), and that user is one visitor on every
 * device. A verified visitor's token is only honoured together with that same identity, so the next
 * person on a shared computer does not inherit a signed-out user's conversations.
 */
import type { Config } from "../config/schema";
import type { Clock, IdGenerator } from "../core/clock";
import { AppError } from "../core/errors";
import type { AuthVisitorRepository, VisitorProfilePatch, VisitorRow } from "../storage/repositories/auth-visitors.repository";
import type { AuthLogger } from "./auth.logger";
import { verifyIdentityHash } from "./identity.policy";
import { rateKeys, retryAfterSeconds, type TokenBucketLimiter } from "./rate-limiter";
import { hashToken, randomToken } from "./secrets";

/** A visitor as the widget and other modules see it. */
export interface VisitorIdentity {
  readonly id: string;
  readonly name: string | null;
  readonly email: string | null;
  /** True when linked to a host-site user through a valid identity hash. */
  readonly verified: boolean;
  readonly createdAt: number;
}

/** What the widget sends to bootstrap (all optional). */
export interface VisitorBootstrapInput {
  readonly token?: string;
  readonly name?: string;
  readonly email?: string;
  readonly identity?: { readonly userId: string; readonly userHash: string };
}

/** The bootstrap answer: the token to keep (the same one for a returning visitor) and who they are. */
export interface VisitorBootstrapResult {
  readonly visitor: VisitorIdentity;
  readonly token: string;
  /** A new visitor record was created. */
  readonly created: boolean;
}

/** last_seen writes are throttled to this interval per token. */
const TOUCH_INTERVAL_MS = 60_000;

/** Issues and recognises visitor tokens. */
export class VisitorService {
  constructor(
    private readonly repo: AuthVisitorRepository,
    private readonly config: () => Config,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
    private readonly logger: AuthLogger,
    /** Caps new visitor records per client IP (`newVisitor` bucket). */
    private readonly newVisitorLimiter: TokenBucketLimiter,
  ) {}

  /** Resolves or creates the visitor for a widget load. Throws auth.identity_invalid or rate.limited. */
  bootstrap(input: VisitorBootstrapInput, clientIp: string): VisitorBootstrapResult {
    const userId = input.identity ? this.verifiedUserId(input.identity) : null;
    const now = this.clock.now();
    const patch: VisitorProfilePatch = { name: input.name, email: input.email };
    const tokenHash = input.token ? hashToken(input.token) : null;
    let holder = tokenHash ? this.repo.findByTokenHash(tokenHash) : undefined;
    // A verified visitor's token never works without (or with another) identity: shared computers.
    if (holder?.identityUserId && holder.identityUserId !== userId) holder = undefined;

    if (userId !== null) {
      const owner = this.repo.findByIdentity(userId);
      if (owner) {
        if (holder?.id === owner.id) return this.returning(owner, input.token!, tokenHash!, now, patch);
        const token = randomToken();
        this.repo.addToken(owner.id, hashToken(token), now);
        return this.returning(owner, token, hashToken(token), now, patch);
      }
      if (holder) {
        this.repo.linkIdentity(holder.id, userId);
        this.logger.info("visitor identity verified", { visitorId: holder.id });
        return this.returning({ ...holder, identityUserId: userId }, input.token!, tokenHash!, now, patch);
      }
      return this.create(clientIp, now, patch, userId);
    }
    if (holder) return this.returning(holder, input.token!, tokenHash!, now, patch);
    return this.create(clientIp, now, patch, null);
  }

  /** The visitor a token belongs to, or null (for the visitor WebSocket and visitor HTTP routes). */
  authenticateVisitorToken(token: string | null | undefined): VisitorIdentity | null {
    if (!token) return null;
    const tokenHash = hashToken(token);
    const row = this.repo.findByTokenHash(tokenHash);
    if (!row) return null;
    const now = this.clock.now();
    if (now - row.lastSeenAt >= TOUCH_INTERVAL_MS) this.repo.touch(row.id, tokenHash, now);
    return toIdentity(row);
  }

  /** A visitor by id, for operators' side panels. */
  findVisitor(id: string): VisitorIdentity | null {
    const row = this.repo.findById(id);
    return row ? toIdentity(row) : null;
  }

  private verifiedUserId(identity: { userId: string; userHash: string }): string {
    const secret = this.config().auth.visitorIdentitySecret;
    if (!secret) throw new AppError("auth.identity_invalid", "Identity verification is not enabled on this server (auth.visitorIdentitySecret is not set).");
    if (!verifyIdentityHash(identity.userId, identity.userHash, secret)) {
      this.logger.warn("visitor identity hash rejected", { userId: identity.userId });
      throw new AppError("auth.identity_invalid", "The identity hash does not match this user id.");
    }
    return identity.userId;
  }

  private returning(visitor: VisitorRow, token: string, tokenHash: string, now: number, patch: VisitorProfilePatch): VisitorBootstrapResult {
    this.repo.touch(visitor.id, tokenHash, now, patch);
    return { visitor: toIdentity({ ...visitor, ...definedOnly(patch), lastSeenAt: now }), token, created: false };
  }

  private create(clientIp: string, now: number, patch: VisitorProfilePatch, userId: string | null): VisitorBootstrapResult {
    const decision = this.newVisitorLimiter.take(rateKeys.ip(clientIp));
    if (!decision.allowed) {
      const seconds = retryAfterSeconds(decision.retryAfterMs);
      throw new AppError("rate.limited", `Too many new chat sessions from your network; try again in ${seconds} s.`, { retryAfterSeconds: seconds });
    }
    const token = randomToken();
    const row: VisitorRow = { id: this.ids.next("v"), createdAt: now, lastSeenAt: now, name: patch.name ?? null, email: patch.email ?? null, identityUserId: userId };
    this.repo.createWithToken(row, hashToken(token));
    return { visitor: toIdentity(row), token, created: true };
  }
}

function toIdentity(row: VisitorRow): VisitorIdentity {
  return { id: row.id, name: row.name, email: row.email, verified: row.identityUserId !== null, createdAt: row.createdAt };
}

function definedOnly(patch: VisitorProfilePatch): Partial<VisitorRow> {
  return Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined));
}
