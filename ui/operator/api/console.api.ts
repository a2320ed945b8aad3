/**
 * The REST calls the console makes, typed, in one place: sign-in, the console's configuration,
 * conversation lists and history, metadata (tags, priority, importance), canned responses,
 * knowledge search, files, transcripts, manager assistance and the operator questionnaire.
 */
import type { EventFrameT, Priority, StaffConversationViewT } from "../../shared/protocol";
import type { CannedResponse } from "../canned/canned-search";
import type { ApiClient } from "./api.client";

/** The signed-in operator (auth routes). */
export interface SessionOperator {
  readonly id: string;
  readonly name: string;
  readonly email: string;
  readonly role: "admin" | "manager" | "operator";
  readonly departments: readonly string[];
  readonly permissions: Readonly<Record<string, boolean>>;
}

/** Body of sign-in and /me. */
export interface SessionInfo {
  readonly operator: SessionOperator;
  readonly csrfToken: string;
  readonly expiresAt: number;
}

/** One question of a questionnaire (plugin contract). */
export type Question =
  | { readonly id: string; readonly type: "rating"; readonly label: string; readonly required?: boolean; readonly min: number; readonly max: number; readonly minLabel?: string; readonly maxLabel?: string }
  | { readonly id: string; readonly type: "choice"; readonly label: string; readonly required?: boolean; readonly choices: readonly string[]; readonly multiple?: boolean }
  | { readonly id: string; readonly type: "text"; readonly label: string; readonly required?: boolean; readonly maxLength?: number }
  | { readonly id: string; readonly type: "yesno"; readonly label: string; readonly required?: boolean };

/** The operator questionnaire shown after ending a conversation. */
export interface OperatorQuestionnaire {
  readonly id: string;
  readonly title: string;
  readonly questions: readonly Question[];
  readonly showCompleteButton: boolean;
  readonly showCancelButton: boolean;
  readonly allowCloseWithoutAnswer: boolean;
}

/** What the console needs from the configuration (GET /api/console/config). */
export interface ConsoleConfig {
  readonly statuses: readonly { readonly id: string; readonly label: string; readonly acceptsNewConversations: boolean; readonly builtin: boolean }[];
  readonly departments: readonly { readonly id: string; readonly name: string }[];
  readonly operators: readonly { readonly id: string; readonly name: string; readonly departments: readonly string[] }[];
  /** `source` says who filled the field: the visitor (pre-chat form) or the host page (profile, unverified). */
  readonly visitorFields: readonly { readonly id: string; readonly label: string; readonly source: "preChat" | "profile" }[];
  readonly permissions: Readonly<Record<string, boolean>>;
  readonly maxMessageLength: number;
  readonly files: { readonly maxBytes: number; readonly allowedTypes: readonly string[] };
  readonly operatorQuestionnaire: OperatorQuestionnaire | null;
  readonly mailConfigured: boolean;
  /** Title of every configured questionnaire by id. */
  readonly questionnaireTitles: Readonly<Record<string, string>>;
  /** Questionnaires (`when: manual`) I may send the visitor during the chat; empty without `sendQuestionnaire`. */
  readonly sendableQuestionnaires: readonly { readonly id: string; readonly title: string }[];
}

/** A knowledge base article found by the search. */
export interface KnowledgeHit {
  readonly title: string;
  readonly body: string;
  readonly tags: readonly string[];
  readonly score?: number;
}

/** A page of conversations. */
export interface ConversationPage {
  readonly items: readonly StaffConversationViewT[];
  readonly nextCursor: string | null;
}

/** A visitor's earlier conversations and the notes left on the latest ones. */
export interface VisitorHistoryBody {
  readonly conversations: readonly StaffConversationViewT[];
  readonly notes: readonly { readonly conversationId: string; readonly text: string; readonly author: string; readonly at: number }[];
}

/** A page of history, oldest first. */
export interface HistoryPage {
  readonly events: readonly EventFrameT[];
  readonly hasMore: boolean;
}

/** An uploaded file. */
export interface UploadedFile {
  readonly id: string;
  readonly name: string;
  readonly size: number;
  readonly contentType: string;
  readonly url: string;
}

/** An ended conversation whose operator questionnaire I still owe (GET /api/console/questionnaire-dues). */
export interface QuestionnaireDue {
  readonly conversationId: string;
  readonly questionnaireId: string;
  readonly endedAt: number;
  readonly visitorName: string | null;
}

/** Typed REST calls over an {@link ApiClient}. */
export class ConsoleApi {
  constructor(readonly http: ApiClient) {}

  async signIn(email: string, password: string): Promise<SessionInfo> {
    const session = await this.http.post<SessionInfo>("/api/auth/login", { email, password });
    this.http.setCsrfToken(session.csrfToken);
    return session;
  }

  async me(): Promise<SessionInfo> {
    const session = await this.http.get<SessionInfo>("/api/auth/me");
    this.http.setCsrfToken(session.csrfToken);
    return session;
  }

  async signOut(): Promise<void> {
    await this.http.post<void>("/api/auth/logout");
    this.http.setCsrfToken(null);
  }

  config(): Promise<ConsoleConfig> {
    return this.http.get<ConsoleConfig>("/api/console/config");
  }

  /** Conversations by state (`status`: comma-separated states), most recent first. */
  conversations(query: { status?: string; assignedTo?: string; view?: "unread" | "unresolved" | "done"; q?: string; cursor?: string | null; limit?: number }): Promise<ConversationPage> {
    return this.http.get<ConversationPage>("/api/conversations", query);
  }

  /** The visitor's other conversations and recent notes, for the conversation on screen. */
  visitorHistory(conversationId: string): Promise<VisitorHistoryBody> {
    return this.http.get<VisitorHistoryBody>(`/api/conversations/${enc(conversationId)}/visitor-history`);
  }

  /** One conversation's current view. */
  conversation(conversationId: string): Promise<StaffConversationViewT> {
    return this.http.get<StaffConversationViewT>(`/api/conversations/${enc(conversationId)}`);
  }

  /** A manager assigns a waiting conversation (optionally above the operator's capacity). */
  assign(conversationId: string, operatorId: string, overrideCapacity: boolean): Promise<StaffConversationViewT> {
    return this.http.post<StaffConversationViewT>(`/api/conversations/${enc(conversationId)}/assign`, { operatorId, ...(overrideCapacity ? { overrideCapacity } : {}) });
  }

  /** Events older than `beforeSeq`. */
  history(conversationId: string, beforeSeq: number | null, limit = 200): Promise<HistoryPage> {
    return this.http.get<HistoryPage>(`/api/conversations/${enc(conversationId)}/events`, { before: beforeSeq, limit });
  }

  setPriority(conversationId: string, priority: Priority): Promise<unknown> {
    return this.http.put(`/api/conversations/${enc(conversationId)}/priority`, { priority });
  }

  setTags(conversationId: string, tags: readonly string[]): Promise<unknown> {
    return this.http.put(`/api/conversations/${enc(conversationId)}/tags`, { tags });
  }

  setImportant(conversationId: string, important: boolean): Promise<unknown> {
    return this.http.put(`/api/conversations/${enc(conversationId)}/important`, { important });
  }

  /** Canned responses for a conversation, %VISITOR% / %OPERATOR% already expanded by the server. */
  async canned(conversationId: string): Promise<CannedResponse[]> {
    const body = await this.http.get<{ responses: CannedResponse[] }>("/api/canned-responses", { conversationId });
    return body.responses;
  }

  async knowledge(query: string): Promise<KnowledgeHit[]> {
    const body = await this.http.get<{ results: KnowledgeHit[] }>("/api/knowledge/search", { q: query });
    return body.results;
  }

  upload(conversationId: string, file: File): Promise<UploadedFile> {
    return this.http.upload<UploadedFile>(`/api/conversations/${enc(conversationId)}/files`, file, file.name);
  }

  /** Queues the transcript for e-mail to me (the mail outbox sends it). */
  emailTranscript(conversationId: string): Promise<{ jobId: string; to: string; mailConfigured: boolean }> {
    return this.http.post(`/api/conversations/${enc(conversationId)}/transcript/email`);
  }

  /** Asks the managers for help on a conversation. */
  requestAssistance(conversationId: string, message: string): Promise<{ notified: number; seq: number }> {
    return this.http.post(`/api/conversations/${enc(conversationId)}/assistance`, message ? { message } : {});
  }

  /** Sends the visitor a questionnaire during the chat (it opens in their widget); `clientId` makes a retry harmless. */
  sendQuestionnaire(conversationId: string, questionnaireId: string, clientId: string): Promise<{ seq: number }> {
    return this.http.post(`/api/conversations/${enc(conversationId)}/questionnaires`, { questionnaireId, clientId });
  }

  /** The ended conversations whose operator questionnaire I still owe, most recently ended first. */
  async questionnaireDues(): Promise<QuestionnaireDue[]> {
    const body = await this.http.get<{ dues: QuestionnaireDue[] }>("/api/console/questionnaire-dues");
    return body.dues;
  }

  /** Records my answers to the operator questionnaire of an ended conversation. */
  answerQuestionnaire(conversationId: string, questionnaireId: string, answers: Record<string, unknown>): Promise<{ summary: string }> {
    return this.http.post(`/api/conversations/${enc(conversationId)}/operator-questionnaire`, { questionnaireId, answers });
  }
}

const enc = encodeURIComponent;
