/** Translated names of the conversation list's status folders. */
import { msg } from "@lit/localize";
import type { StatusFolder } from "./conversation-filter";

/** A folder name in the console's language. */
export function folderLabel(folder: StatusFolder): string {
  switch (folder) {
    case "unread":
      return msg("Unread", { id: "folder.unread" });
    case "unresolved":
      return msg("Unresolved", { id: "folder.unresolved" });
    case "done":
      return msg("Done", { id: "folder.done" });
    case "all":
      return msg("All", { id: "folder.all" });
  }
}
