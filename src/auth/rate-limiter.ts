/**
 * Keyed token-bucket rate limiting (per IP, per visitor…), pure apart from the injected clock so it
 * is tested without sleeping and shared by HTTP guards and WebSocket commands alike. Limits are read
 * on every call, so a config reload takes effect at once. Memory is bounded: least recently used keys
 * are evicted past `maxKeys` (an evicted key simply starts again with a full bucket).
 */
import type { Config } from "../config/schema";
import type { Clock } from "../core/clock";

/** A limit as written in config.rateLimits: `perMinute` 0 disables it; `burst` defaults to `perMinute`. */
export interface RateLimitSettings {
  readonly perMinute: number;
  readonly burst?: number;
}

/** The outcome of one `take`: refused calls say how long until one token is available. */
export type RateDecision = { readonly allowed: true; readonly remaining: number } | { readonly allowed: false; readonly retryAfterMs: number };

interface Bucket {
  tokens: number;
  updatedAt: number;
}

/** Default bound on tracked keys per limiter (~100 bytes each). */
export const DEFAULT_MAX_KEYS = 50_000;

/** One named limit applied independently to each key. */
export class TokenBucketLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly settings: () => RateLimitSettings,
    private readonly clock: Clock,
    private readonly maxKeys = DEFAULT_MAX_KEYS,
  ) {}

  /** Spends `cost` tokens for `key` if available. */
  take(key: string, cost = 1): RateDecision {
    const { perMinute, burst } = this.settings();
    if (perMinute <= 0) return { allowed: true, remaining: Number.POSITIVE_INFINITY };
    const capacity = Math.max(burst ?? perMinute, cost);
    const perMs = perMinute / 60_000;
    const now = this.clock.now();
    const bucket = this.refill(key, capacity, perMs, now);
    if (bucket.tokens >= cost) {
      bucket.tokens -= cost;
      return { allowed: true, remaining: Math.floor(bucket.tokens) };
    }
    return { allowed: false, retryAfterMs: Math.ceil((cost - bucket.tokens) / perMs) };
  }

  /** Forgets a key (e.g. after a successful sign-in from a shared office IP). */
  reset(key: string): void {
    this.buckets.delete(key);
  }

  /** Number of keys currently tracked (for metrics and the memory-bound test). */
  get size(): number {
    return this.buckets.size;
  }

  private refill(key: string, capacity: number, perMs: number, now: number): Bucket {
    const existing = this.buckets.get(key);
    if (existing) {
      this.buckets.delete(key); // re-inserted below: Map order is our LRU order
      existing.tokens = Math.min(capacity, existing.tokens + Math.max(0, now - existing.updatedAt) * perMs);
      existing.updatedAt = now;
      this.buckets.set(key, existing);
      return existing;
    }
    const fresh = { tokens: capacity, updatedAt: now };
    this.buckets.set(key, fresh);
    while (this.buckets.size > this.maxKeys) {
      const oldest = this.buckets.keys().next().value;
      if (oldest === undefined) break;
      this.buckets.delete(oldest);
    }
    return fresh;
  }
}

/**
 * Limit names: the configured buckets plus `newVisitor` (widget identities created per IP, sized like
 * startConversation).
 */
export type RateLimitBucket = keyof Config["rateLimits"] | "newVisitor";

/** One limiter per bucket, shared by every transport. */
export type RateLimiters = Readonly<Record<RateLimitBucket, TokenBucketLimiter>>;

/** Builds the limiters from the live config (read on each call, so reloads apply). */
export function createRateLimiters(config: () => Config, clock: Clock, maxKeys = DEFAULT_MAX_KEYS): RateLimiters {
  const make = (pick: (c: Config) => RateLimitSettings) => new TokenBucketLimiter(() => pick(config()), clock, maxKeys);
  return {
    startConversation: make((c) => c.rateLimits.startConversation),
    sendMessage: make((c) => c.rateLimits.sendMessage),
    upload: make((c) => c.rateLimits.upload),
    login: make((c) => c.rateLimits.login),
    teamMessage: make((c) => c.rateLimits.teamMessage),
    newVisitor: make((c) => c.rateLimits.startConversation),
  };
}

/** Bucket keys of the HTTP guard, the login throttle and new-visitor creation (the visitor socket and uploads prefix their own keys; see docs/security.md). */
export const rateKeys = {
  ip: (ip: string) => `ip:${ip}`,
  visitor: (visitorId: string) => `v:${visitorId}`,
} as const;

/** Whole seconds for a `Retry-After` header: never 0, so clients do not retry in a tight loop. */
export function retryAfterSeconds(ms: number): number {
  return Math.max(1, Math.ceil(ms / 1000));
}
