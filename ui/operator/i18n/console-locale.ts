/**
 * The console's language: the operator's saved choice, else the browser's languages, else
 * English. French is loaded on demand (ui/operator/i18n/fr.ts). Components re-render on a switch
 * through Lit Localize's `updateWhenLocaleChanges` / `@localized()`.
 */
import type { LocaleModule } from "@lit/localize";
import { pickLanguage, setupLocalization, type Localization } from "../../shared/i18n/localize";

const KEY = "parley.console.language";
let localization: Localization | null = null;

/**
 * The page's localization (configured on first use; Lit Localize allows one per page). The
 * manager dashboard passes its own French loader (its strings plus the console's it reuses).
 */
export function consoleLocalization(loadFrench: () => Promise<LocaleModule> = () => import("./fr")): Localization {
  localization ??= setupLocalization({ fr: loadFrench });
  return localization;
}

/** The language to start in. */
export function initialLanguage(): string {
  let saved: string | null = null;
  try {
    saved = localStorage.getItem(KEY);
  } catch {
    /* storage unavailable */
  }
  return pickLanguage([saved, ...(navigator.languages ?? []), navigator.language]);
}

/** Switches and remembers the language. */
export async function switchLanguage(language: string): Promise<void> {
  try {
    localStorage.setItem(KEY, language);
  } catch {
    /* storage unavailable: the choice lasts for this page only */
  }
  await consoleLocalization().setLocale(language);
  document.documentElement.lang = consoleLocalization().getLocale();
}
