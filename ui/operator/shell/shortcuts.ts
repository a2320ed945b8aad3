/**
 * Keyboard shortcuts of the console, as one table: the key handler, the help overlay and the
 * tests read the same list. Alt-based chords work while typing in the composer; the bare `?`
 * only outside text fields.
 */

/** Things a shortcut can do. */
export type ShortcutAction =
  | "next-conversation"
  | "previous-conversation"
  | "canned-search"
  | "toggle-note"
  | "accept-next"
  | "transfer"
  | "focus-composer"
  | "focus-search"
  | "help";

/** A key press as the handler sees it. */
export interface KeyPress {
  readonly key: string;
  readonly altKey: boolean;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly shiftKey: boolean;
  /** The focus is in a text field (textarea, input, contenteditable). */
  readonly inText: boolean;
}

/** One row of the help overlay: the keys as shown, and the action. */
export interface ShortcutHelp {
  readonly keys: string;
  readonly action: ShortcutAction | "send" | "newline";
}

/** Shortcuts in the order the help overlay lists them. */
export const SHORTCUT_HELP: readonly ShortcutHelp[] = [
  { keys: "Alt + ↓", action: "next-conversation" },
  { keys: "Alt + ↑", action: "previous-conversation" },
  { keys: "Enter", action: "send" },
  { keys: "Shift + Enter", action: "newline" },
  { keys: "#  /  Ctrl + K", action: "canned-search" },
  { keys: "Alt + N", action: "toggle-note" },
  { keys: "Alt + A", action: "accept-next" },
  { keys: "Alt + T", action: "transfer" },
  { keys: "Alt + R", action: "focus-composer" },
  { keys: "Alt + F", action: "focus-search" },
  { keys: "?", action: "help" },
];

/** The action of a key press, or null when it is not a console shortcut. */
export function shortcutFor(press: KeyPress): ShortcutAction | null {
  const key = press.key.length === 1 ? press.key.toLowerCase() : press.key;
  if (press.altKey && !press.ctrlKey && !press.metaKey) {
    switch (key) {
      case "ArrowDown":
        return "next-conversation";
      case "ArrowUp":
        return "previous-conversation";
      case "n":
        return "toggle-note";
      case "a":
        return "accept-next";
      case "t":
        return "transfer";
      case "r":
        return "focus-composer";
      case "f":
        return "focus-search";
    }
    return null;
  }
  if ((press.ctrlKey || press.metaKey) && !press.altKey && key === "k") return "canned-search";
  if (!press.inText && !press.ctrlKey && !press.metaKey && !press.altKey && key === "?") return "help";
  return null;
}

/** The id `step` places after `currentId` in `ids`, wrapping around; the first one when none is selected. */
export function stepSelection(ids: readonly string[], currentId: string | null, step: 1 | -1): string | null {
  if (ids.length === 0) return null;
  const index = currentId === null ? -1 : ids.indexOf(currentId);
  if (index === -1) return step === 1 ? ids[0]! : ids[ids.length - 1]!;
  return ids[(index + step + ids.length) % ids.length]!;
}
