/**
 * The operator's theme choice: "auto" follows the system (prefers-color-scheme), "light" and
 * "dark" force it. Kept in localStorage so it survives reloads; the root element reflects it as
 * its `theme` attribute, which switches the palette in theme.styles.ts.
 */

/** Theme choices, in the order the toggle cycles through them. */
export const THEMES = ["auto", "light", "dark"] as const;
export type ThemeChoice = (typeof THEMES)[number];

const KEY = "parley.console.theme";

/** The saved choice, "auto" by default. */
export function loadTheme(storage: Pick<Storage, "getItem"> | null = safeStorage()): ThemeChoice {
  const saved = storage?.getItem(KEY);
  return THEMES.includes(saved as ThemeChoice) ? (saved as ThemeChoice) : "auto";
}

/** Saves a choice. */
export function saveTheme(theme: ThemeChoice, storage: Pick<Storage, "setItem"> | null = safeStorage()): void {
  try {
    storage?.setItem(KEY, theme);
  } catch {
    /* private mode: the choice lasts for this page only */
  }
}

/** The next choice of the toggle. */
export function nextTheme(theme: ThemeChoice): ThemeChoice {
  return THEMES[(THEMES.indexOf(theme) + 1) % THEMES.length]!;
}

function safeStorage(): Storage | null {
  try {
    return typeof localStorage === "undefined" ? null : localStorage;
  } catch {
    return null;
  }
}
