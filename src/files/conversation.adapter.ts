/**
 * Translations between the conversation engine's records and the file domain, so the composition
 * root wires files to the engine with one call each way instead of re-deriving fields:
 * the engine's conversation → who may touch its files, and a stored file → the reference a
 * message event keeps.
 */
import type { FileRef } from "../core/conversation/conversation.events";
import type { Conversation } from "../core/conversation/conversation.model";
import type { FileConversationView, StoredFile } from "./file.model";

/** The access-relevant facts of an engine conversation (for `FileServiceDeps.findConversation`). */
export function conversationFileView(conversation: Conversation): FileConversationView {
  return {
    id: conversation.id,
    visitorId: conversation.visitor.id,
    state: conversation.state,
    departmentId: conversation.department,
    operatorId: conversation.operatorId,
    previousOperatorIds: conversation.previousOperatorIds,
  };
}

/** The reference a `message` event stores for an attached file (what `postMessage(…, { file })` takes). */
export function fileRefOf(file: StoredFile): FileRef {
  return { id: file.id, name: file.name, mime: file.contentType, size: file.size };
}
