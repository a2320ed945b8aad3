/**
 * The few strings the loader shows before the app (and Lit Localize) is loaded: the launcher's label
 * and unread count. Kept tiny and separate; the test checks both languages have every key.
 */
export const LOADER_STRINGS = {
  en: { open: "Open chat", close: "Close chat", unread: (n: number) => (n === 1 ? "1 unread message" : `${n} unread messages`) },
  fr: { open: "Ouvrir le chat", close: "Fermer le chat", unread: (n: number) => (n === 1 ? "1 message non lu" : `${n} messages non lus`) },
} as const;

/** Loader strings for a language code (English when not shipped). */
export function loaderStrings(language: string | undefined): (typeof LOADER_STRINGS)[keyof typeof LOADER_STRINGS] {
  const primary = (language ?? "").toLowerCase().split(/[-_]/)[0];
  return primary === "fr" ? LOADER_STRINGS.fr : LOADER_STRINGS.en;
}
