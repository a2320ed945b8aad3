/**
 * The conversation screen as a chunk of its own: the timeline (with the markdown renderer), the
 * composer and file transfers. Sites pay for it only once a visitor chats; the panel fetches it when
 * a conversation exists or the visitor presses Start.
 */
export { chatScreenTemplate } from "./chat-screen.view";
export { ChatFiles } from "../chat/chat.files";
export { ChatActions } from "../chat/chat.actions";
export { conversationStyles } from "./conversation.styles";
