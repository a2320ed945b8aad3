/**
 * Everything the WebSocket endpoints are built from. One bundle, assembled once by the realtime
 * module (src/realtime/realtime.module.ts), so both sockets see the same hub, ledger and limits.
 */
import type { AuthModule } from "../../auth/auth.module";
import type { Config } from "../../config/schema";
import type { Clock } from "../../core/clock";
import type { Engine } from "../../core/engine";
import type { StoredFile } from "../../files/file.model";
import type { Logger } from "../../observability/logger";
import type { Metrics } from "../../observability/metrics";
import type { OperatorDirectory } from "../../realtime/event-view";
import type { Fanout } from "../../realtime/fanout";
import type { Hub } from "../../realtime/hub";
import type { TeamChatService } from "../../team-chat/team-chat.service";
import type { VisitorSession } from "./visitor.session";
import type { VisitorConversationIndex } from "../../realtime/visitor-index";
import type { CommandLedger } from "./command-ledger";
import type { HeartbeatMonitor } from "./heartbeat";
import type { Connection } from "./connection";
import type { FrameCounters } from "./frame-counter";
import type { CommandQueue, OutputGate } from "./group-commit";

/** Socket-level tunables. */
export interface SocketLimits {
  /** A client whose unsent frames exceed this is disconnected (it reads too slowly). */
  readonly maxBufferedBytes: number;
}

/** Default: drop a client once 4 MiB wait in its send buffer. */
export const DEFAULT_SOCKET_LIMITS: SocketLimits = { maxBufferedBytes: 4 * 1024 * 1024 };

/** Shared dependencies of the visitor and operator sockets. */
export interface RealtimeDeps {
  readonly engine: Engine;
  readonly auth: AuthModule;
  readonly hub: Hub;
  readonly fanout: Fanout;
  readonly clock: Clock;
  /** The live config snapshot (hot reload). */
  readonly config: () => Config;
  readonly directory: OperatorDirectory;
  readonly ledger: CommandLedger;
  readonly heartbeat: HeartbeatMonitor<Connection>;
  readonly visitors: VisitorConversationIndex;
  readonly logger: Logger;
  readonly metrics?: Metrics;
  /** Frame counts for `metrics`, batched (flushed every second by the realtime module). */
  readonly frameCounters: FrameCounters;
  /** Uploaded files, to attach them to messages by id. */
  readonly files?: { findById(fileId: string): StoredFile | null };
  readonly limits: SocketLimits & { readonly output: OutputGate };
  /** Every command frame runs through it (group commit). */
  readonly commands: CommandQueue;
  /** Questionnaire answers (the questionnaire module); without it `questionnaire.answer` is refused. */
  readonly questionnaires?: QuestionnaireAnswers;
  /** Chat between operators, stored (`op.message`, `op.read`, unread counts after `hello`). */
  readonly teamChat: TeamChatService;
  /** Every open visitor session, so an erased visitor's widget can be signed out (`closeVisitor`). */
  readonly visitorSessions?: Set<VisitorSession>;
}

/** Records a visitor's questionnaire answers (validated and scored by the questionnaire's plugin). */
export interface QuestionnaireAnswers {
  answer(input: {
    readonly conversationId: string;
    readonly visitorId: string;
    readonly questionnaireId: string;
    readonly answers: Readonly<Record<string, string | number | boolean | readonly string[]>>;
  }): { readonly seq?: number; readonly summary: string };
}
