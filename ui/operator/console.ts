/**
 * Entry of the operator console bundle (served at /console): picks the language, then defines
 * `<parley-console>`, the application root (shell/console-app.element.ts).
 */
import { consoleLocalization, initialLanguage } from "./i18n/console-locale";
import "./shell/console-app.element";

const language = initialLanguage();
document.documentElement.lang = language;
void consoleLocalization().setLocale(language);
