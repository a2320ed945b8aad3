/**
 * Lit Localize in runtime mode, shared by Parley's UIs. Sources are written in English with explicit
 * message ids (`msg("Send", { id: "composer.send" })`); each other language is a lazily loaded module
 * exporting `templates` keyed by those ids, so a visitor who reads English never downloads French.
 * Ids are explicit (not content hashes) so a catalog can be checked for completeness without the
 * lit-localize CLI: see catalog.check.ts.
 */
import { configureLocalization, type LocaleModule } from "@lit/localize";

/** Languages Parley ships: English (the source) and French. */
export const LANGUAGES = ["en", "fr"] as const;
/** A shipped language code. */
export type Language = (typeof LANGUAGES)[number];
/** The language the sources are written in. */
export const SOURCE_LANGUAGE: Language = "en";

/** Languages written right to left (none shipped yet); the UIs set `dir` from this. */
const RTL = new Set(["ar", "fa", "he", "ur", "ps", "yi"]);

/** The shipped language matching a BCP 47 tag (`fr-CA` → `fr`), or null when none does. */
export function matchLanguage(tag: string | null | undefined, supported: readonly string[] = LANGUAGES): string | null {
  if (!tag) return null;
  const primary = tag.trim().toLowerCase().split(/[-_]/)[0] ?? "";
  return supported.includes(primary) ? primary : null;
}

/**
 * The first candidate we can serve, in order of preference (e.g. the embed's data-language, then the
 * page's `<html lang>`, then the configured default), else the source language.
 */
export function pickLanguage(candidates: readonly (string | null | undefined)[], supported: readonly string[] = LANGUAGES): string {
  for (const candidate of candidates) {
    const match = matchLanguage(candidate, supported);
    if (match) return match;
  }
  return SOURCE_LANGUAGE;
}

/** Text direction for a language tag. */
export function directionOf(tag: string): "ltr" | "rtl" {
  return RTL.has(tag.toLowerCase().split(/[-_]/)[0] ?? "") ? "rtl" : "ltr";
}

/** Loaders of the target-language modules, e.g. `{ fr: () => import("./locales/fr") }`. */
export type LocaleLoaders = Readonly<Record<string, () => Promise<LocaleModule>>>;

/** The page's localization: switch language; components using `updateWhenLocaleChanges` re-render. */
export interface Localization {
  getLocale(): string;
  setLocale(language: string): Promise<void>;
}

/** Configures Lit Localize once for this page (it is a page-wide singleton by design). */
export function setupLocalization(loaders: LocaleLoaders): Localization {
  const targets = Object.keys(loaders);
  const { getLocale, setLocale } = configureLocalization({
    sourceLocale: SOURCE_LANGUAGE,
    targetLocales: targets,
    loadLocale: (locale) => loaders[locale]!(),
  });
  return {
    getLocale,
    setLocale: (language) => setLocale(matchLanguage(language, [SOURCE_LANGUAGE, ...targets]) ?? SOURCE_LANGUAGE),
  };
}
