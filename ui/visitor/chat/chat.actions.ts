/**
 * What the visitor does in an open conversation — send a message, send an uploaded file, retry or
 * delete a failed message, report typing — as one object the conversation chunk creates. Messages
 * appear at once as pending; the socket's outbox takes care of delivery, offline or not.
 */
import type { CommandOf, VisitorCommand } from "../../shared/protocol";
import type { FileRefT } from "./chat.model";
import type { ChatSession } from "./chat.session";
import { chatStore } from "./chat.store";
import { newCommandId } from "./command-id";

/** Send `typing: on` again at most this often while the visitor keeps typing (the server's throttle). */
const TYPING_REPEAT_MS = 2000;
/** Typing is reported off after this long without a keystroke. */
const TYPING_IDLE_MS = 4000;

/** The visitor's actions in the conversation. */
export class ChatActions {
  #lastTypingOn = 0;
  #typingOff: ReturnType<typeof setTimeout> | undefined;

  constructor(
    readonly session: ChatSession,
    private readonly now: () => number = Date.now,
  ) {}

  /** Sends a text message (queued while offline, shown at once). */
  send(text: string): void {
    const trimmed = text.trim();
    if (!trimmed) return;
    const command: CommandOf<VisitorCommand, "message"> = { type: "message", id: newCommandId(), text: trimmed };
    this.session.setView(chatStore.pending(this.session.view, command, this.now()));
    this.typing(false);
    this.session.send(command).catch(() => {}); // refusals arrive through the session's onCommandError
  }

  /** Shows a file message while it uploads, under the client id it will be sent with. */
  showUpload(clientId: string, file: FileRefT): void {
    this.session.setView(chatStore.pending(this.session.view, { type: "message", id: clientId }, this.now(), file));
  }

  /** Marks a message failed (upload refused). */
  markFailed(clientId: string, code: string): void {
    this.session.setView(chatStore.failed(this.session.view, clientId, code));
  }

  /** Sends the message carrying an uploaded file. */
  sendFile(fileId: string, clientId: string): void {
    this.session.send({ type: "message", id: clientId, fileId }).catch(() => {});
  }

  /** Sends a failed message again, as a new message. */
  retry(clientId: string): void {
    const item = this.session.view.items.find((i) => i.kind === "message" && i.clientId === clientId);
    this.discard(clientId);
    if (item?.kind === "message" && item.text) this.send(item.text);
  }

  /** Removes a failed or unsent message. */
  discard(clientId: string): void {
    this.session.discard(clientId);
    this.session.setView(chatStore.remove(this.session.view, clientId));
  }

  /** Typing indicator for the operator: repeated while typing, off after a pause or on send. */
  typing(on: boolean): void {
    clearTimeout(this.#typingOff);
    if (this.session.status !== "ready" || !this.session.conversationOpen) return;
    if (on) {
      this.#typingOff = setTimeout(() => this.typing(false), TYPING_IDLE_MS);
      if (this.now() - this.#lastTypingOn < TYPING_REPEAT_MS) return;
      this.#lastTypingOn = this.now();
    } else {
      if (this.#lastTypingOn === 0) return;
      this.#lastTypingOn = 0;
    }
    this.session.send({ type: "typing", id: newCommandId(), on }).catch(() => {});
  }
}
