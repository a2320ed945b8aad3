/**
 * Entry of the manager dashboard bundle (served at /manager): picks the language (French strings
 * of the dashboard plus those of the console elements it reuses), then defines `<parley-manager>`.
 */
import { consoleLocalization, initialLanguage } from "../operator/i18n/console-locale";
import "./dashboard-app.element";

const language = initialLanguage();
document.documentElement.lang = language;
const localization = consoleLocalization(async () => {
  const [console, manager] = await Promise.all([import("../operator/i18n/fr"), import("./i18n/fr")]);
  return { templates: { ...console.templates, ...manager.templates } };
});
void localization.setLocale(language);
