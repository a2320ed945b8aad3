/**
 * The live half of an erasure: every open console that could see one of the erased visitor's
 * conversations (the staff of its department, its last operator, anyone watching it) gets a
 * `conversation.removed` frame and drops its tab and list item, instead of showing a conversation
 * that no longer exists until the next reload. Staff only: the visitor's own widget is signed out.
 */
import { HubMessage, type Hub } from "../realtime/hub";
import { Topics } from "../realtime/topics";
import type { ErasedConversation } from "../storage/repositories/visitor-erasure.repository";
import type { ConversationRemovedFrameT } from "../transport/ws/protocol";

/** Publishes one `conversation.removed` frame per erased conversation; returns how many deliveries were made. */
export function pushConversationsRemoved(hub: Pick<Hub, "publishToTopics">, conversations: readonly ErasedConversation[]): number {
  let delivered = 0;
  for (const conversation of conversations) {
    const frame: ConversationRemovedFrameT = { type: "conversation.removed", conversationId: conversation.id, reason: "visitor_erased" };
    const topics = [Topics.conversation(conversation.id), Topics.department(conversation.departmentId)];
    if (conversation.operatorId) topics.push(Topics.operator(conversation.operatorId));
    delivered += hub.publishToTopics(topics, new HubMessage({ visitor: null, staff: frame }));
  }
  return delivered;
}
