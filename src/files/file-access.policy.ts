/**
 * Who may see and send files in a conversation. Attachments are often the most sensitive part of
 * a support chat (invoices, IDs, screenshots), so access follows the conversation's own audience,
 * as the auth layer defines it, with one addition: operators who handled the conversation before
 * keep seeing the files they exchanged. Sending a file is replying, so it follows the reply rule.
 */
import { canReplyToConversation, canViewConversation, hasPermission } from "../auth/authorization.policy";
import { AppError } from "../core/errors";
import type { FileConversationView, FilePrincipal } from "./file.model";

/**
 * Whether `principal` may read the conversation's files: whoever may view the conversation, plus
 * its previous operators. A visitor session bound to one conversation reads only that one.
 */
export function canReadConversationFiles(principal: FilePrincipal, conversation: FileConversationView): boolean {
  if (principal.kind === "visitor" && principal.conversationId !== undefined && principal.conversationId !== conversation.id) return false;
  if (canViewConversation(principal, conversation)) return true;
  return principal.kind === "operator" && conversation.previousOperatorIds.includes(principal.id);
}

/**
 * Throws unless `principal` may attach a file to the conversation now; returns the conversation.
 * Someone who may not even read it gets `conversation.not_found`, so the answer never confirms
 * that a conversation exists. Visitors may attach at any time until the conversation ends (as in
 * Intercom or Chatwoot: an operator's "request a file" is a prompt, not a gate). Staff need the
 * `sendFile` permission and the right to reply (assigned operator, or a supervisor once active).
 */
export function assertCanUpload(principal: FilePrincipal, conversation: FileConversationView | null, conversationId: string): FileConversationView {
  if (!conversation || !canReadConversationFiles(principal, conversation)) {
    throw new AppError("conversation.not_found", `conversation ${conversationId} does not exist`);
  }
  if (principal.kind === "operator" && !hasPermission(principal, "sendFile")) {
    throw new AppError("permission.disabled", 'The "sendFile" feature is disabled for your role.');
  }
  if (conversation.state === "ended") throw new AppError("conversation.ended", "this conversation has ended; files can no longer be sent");
  if (!canReplyToConversation(principal, conversation)) {
    throw new AppError("auth.forbidden", "only the operator assigned to this conversation (or a supervisor once it is active) may send files in it");
  }
  return conversation;
}
