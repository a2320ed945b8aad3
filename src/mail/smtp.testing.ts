/**
 * A real SMTP server for the mail tests (smtp-server, the library behind many production MTAs),
 * listening on a loopback port. It requires AUTH with the given credentials, records every message
 * with its envelope and the parsed MIME (postal-mime), can refuse or defer chosen recipients, and
 * can be taken down and brought back on the same port to play an outage.
 */
import PostalMime, { type Email } from "postal-mime";
import { SMTPServer, type SMTPServerAddress } from "smtp-server";
import type { SmtpSettings } from "./mail.model";

/** A message the server accepted. */
export interface ReceivedMail {
  readonly envelopeFrom: string;
  readonly envelopeTo: readonly string[];
  /** The user that logged in for this session. */
  readonly user: string | null;
  readonly raw: string;
  readonly parsed: Email;
}

/** Options of {@link TestSmtpServer.start}. */
export interface TestSmtpOptions {
  /** Credentials the server accepts (default tester / s3cret-pass). */
  readonly user?: string;
  readonly password?: string;
}

/** The test SMTP server. */
export class TestSmtpServer {
  /** Accepted messages, in order. */
  readonly received: ReceivedMail[] = [];
  /** Recipients refused for good (550). */
  readonly rejectRecipients = new Set<string>();
  /** Recipients refused for now (451). */
  readonly deferRecipients = new Set<string>();
  /** Logins refused (wrong user or password). */
  failedLogins = 0;
  private server: SMTPServer | null = null;
  private waiters: { count: number; wake: () => void }[] = [];

  private constructor(
    readonly port: number,
    readonly user: string,
    readonly password: string,
  ) {}

  /** Starts a server on a free loopback port. */
  static async start(options: TestSmtpOptions = {}): Promise<TestSmtpServer> {
    const smtp = new TestSmtpServer(0, options.user ?? "tester", options.password ?? "s3cret-pass");
    const port = await smtp.listen(0);
    (smtp as { port: number }).port = port;
    return smtp;
  }

  /** Settings for Parley's config pointing at this server. */
  settings(overrides: Partial<SmtpSettings> = {}): SmtpSettings {
    return { host: "127.0.0.1", port: this.port, secure: false, user: this.user, password: this.password, from: "Parley <noreply@parley.example>", ...overrides };
  }

  /** Whether the server is accepting connections. */
  get up(): boolean {
    return this.server !== null;
  }

  /** Takes the server down: new connections are refused until {@link resume}. */
  async down(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Brings the server back on the same port. */
  async resume(): Promise<void> {
    if (!this.server) await this.listen(this.port);
  }

  /** Resolves once `count` messages were received; rejects after `timeoutMs` (an event wait, not a sleep). */
  waitForMessages(count: number, timeoutMs = 5_000): Promise<ReceivedMail[]> {
    if (this.received.length >= count) return Promise.resolve(this.received.slice(0, count));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`expected ${count} e-mails, got ${this.received.length}`)), timeoutMs);
      this.waiters.push({
        count,
        wake: () => {
          clearTimeout(timer);
          resolve(this.received.slice(0, count));
        },
      });
    });
  }

  /** Stops for good. */
  stop(): Promise<void> {
    return this.down();
  }

  private listen(port: number): Promise<number> {
    const server = new SMTPServer({
      logger: false,
      secure: false,
      disabledCommands: ["STARTTLS"],
      allowInsecureAuth: true,
      authOptional: false,
      authMethods: ["PLAIN", "LOGIN"],
      onAuth: (auth, _session, callback) => {
        if (auth.username === this.user && auth.password === this.password) return callback(null, { user: auth.username });
        this.failedLogins += 1;
        callback(Object.assign(new Error("Invalid username or password"), { responseCode: 535 }));
      },
      onRcptTo: (address, _session, callback) => {
        if (this.rejectRecipients.has(address.address)) return callback(Object.assign(new Error(`no mailbox ${address.address}`), { responseCode: 550 }));
        if (this.deferRecipients.has(address.address)) return callback(Object.assign(new Error(`mailbox ${address.address} busy, try later`), { responseCode: 451 }));
        callback();
      },
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on("data", (chunk: Buffer) => chunks.push(chunk));
        stream.on("end", async () => {
          const raw = Buffer.concat(chunks).toString("utf8");
          const parsed = await PostalMime.parse(raw);
          const from = session.envelope.mailFrom;
          this.received.push({
            envelopeFrom: from === false ? "" : from.address,
            envelopeTo: session.envelope.rcptTo.map((r: SMTPServerAddress) => r.address),
            user: typeof session.user === "string" ? session.user : null,
            raw,
            parsed,
          });
          callback();
          this.waiters = this.waiters.filter((w) => (this.received.length >= w.count ? (w.wake(), false) : true));
        });
      },
    });
    this.server = server;
    return new Promise((resolve, reject) => {
      server.on("error", reject);
      server.listen(port, "127.0.0.1", () => resolve((server.server.address() as { port: number }).port));
    });
  }
}

/** The value of a header of a parsed message (first occurrence, case-insensitive), or undefined. */
export function headerOf(mail: ReceivedMail, name: string): string | undefined {
  return mail.parsed.headers.find((h) => h.key === name.toLowerCase())?.value;
}
