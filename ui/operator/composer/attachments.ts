/**
 * Sending files: each is uploaded to the conversation (the server sniffs and checks it), then
 * announced by a message carrying its id. Files over the configured size or of a type the server
 * does not accept are refused before uploading, with the reason.
 */
import { msg, str } from "@lit/localize";
import { toast, type ConsoleServices } from "../state/console.context";
import { fileSize } from "../chat/event-row";

/** Uploads and sends `files` in order; reports each failure and continues with the next. */
export async function uploadAndSend(services: ConsoleServices, conversationId: string, files: readonly File[]): Promise<void> {
  const { maxBytes, allowedTypes } = services.config.files;
  for (const file of files) {
    if (file.size > maxBytes) {
      toast(services, msg(str`${file.name} is too large (${fileSize(file.size)}; the limit is ${fileSize(maxBytes)}).`, { id: "files.tooLarge" }), "error");
      continue;
    }
    if (file.type && allowedTypes.length && !allowedTypes.includes(file.type)) {
      toast(services, msg(str`${file.name}: this type of file cannot be sent.`, { id: "files.type" }), "error");
      continue;
    }
    try {
      const uploaded = await services.api.upload(conversationId, file);
      await services.connection.post(conversationId, "message", "", uploaded.id);
    } catch (error) {
      toast(services, msg(str`${file.name} was not sent: ${(error as Error).message}`, { id: "files.failed" }), "error");
    }
  }
}
