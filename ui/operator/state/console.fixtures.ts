/**
 * Builders of server frames for the console's unit tests: a staff view with sensible defaults and
 * event frames of each kind, so a test states only what matters to it.
 */
import type { ConversationEvent, EventFrameT, OperatorServerFrameT, StaffConversationViewT } from "../../shared/protocol";

export const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);

/** A staff view; `overrides` win. */
export function view(overrides: Partial<StaffConversationViewT> & { id: string }): StaffConversationViewT {
  return {
    state: "waiting",
    priority: "normal",
    department: null,
    operatorId: null,
    visitor: { id: `v_${overrides.id}`, name: "Visitor", email: null, fields: {}, pageUrl: null, referrer: null, language: null, userAgent: null, timezone: null },
    tags: [],
    important: false,
    createdAt: T0,
    assignedAt: null,
    endedAt: null,
    endReason: null,
    lastMessageAt: T0,
    slaDueAt: null,
    lastSeq: 0,
    visitorReadSeq: 0,
    operatorReadSeq: 0,
    queuePosition: null,
    ...overrides,
  };
}

/** An event frame. */
export function ev(conversationId: string, seq: number | undefined, event: ConversationEvent): EventFrameT {
  return seq === undefined ? { type: "event", conversationId, event } : { type: "event", conversationId, seq, event };
}

/** A message event frame from the visitor or an operator. */
export function chatMessage(conversationId: string, seq: number, from: "visitor" | "operator", text: string, at = T0 + seq * 1000, clientId: string | null = null): EventFrameT {
  const sender = from === "visitor" ? { kind: "visitor" as const, id: `v_${conversationId}` } : { kind: "operator" as const, id: "op_me", name: "Me" };
  return ev(conversationId, seq, { type: "message", at, sender, text, file: null, clientId });
}

/** The snapshot answering my hello. */
export function snapshot(me: string, conversations: { conversation: StaffConversationViewT; events?: EventFrameT[] }[], queue = 0): OperatorServerFrameT {
  return {
    type: "snapshot",
    operator: { id: me, name: "Me", role: "operator", status: "connected", departments: [], permissions: {} },
    conversations: conversations.map((c) => ({ conversation: c.conversation, events: c.events ?? [] })),
    queue: { count: queue },
  };
}
