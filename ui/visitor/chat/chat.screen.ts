/**
 * Which screen the panel shows, decided from data alone: loading, the welcome form, the chat, the
 * end-of-chat questionnaire, the thank-you screen, or the offline message form (after hours, nobody
 * available, queue full — known from the server's availability before the visitor presses Start)
 * and its confirmation.
 */
import type { WidgetConfig } from "../../../src/transport/http/widget-config.routes";
import type { ChatView } from "./chat.model";

/** The panel's screens. */
export type Screen = "loading" | "unavailable" | "welcome" | "chat" | "questionnaire" | "ended" | "offline" | "offline-sent";

/** What the screen depends on. */
export interface ScreenInputs {
  readonly config: WidgetConfig | null;
  /** The department the embed snippet chose (`data-department`): its availability decides. */
  readonly department?: string;
  readonly configFailed: boolean;
  readonly view: ChatView;
  /** The visitor asked for the offline form (a closed department, or "leave a message"). */
  readonly offlineRequested: boolean;
  readonly offlineSent: boolean;
  /** The end-of-chat questionnaire was answered or skipped for this conversation. */
  readonly questionnaireDone: boolean;
}

/** End reasons that mean "nobody could take you": the offline form follows, not a survey. */
const UNSERVED = new Set(["after_hours", "no_operator", "queue_timeout"]);

/** The visitorEnd questionnaire of the config, if any. */
export function endQuestionnaire(config: WidgetConfig | null) {
  return config?.questionnaires.find((q) => q.when === "visitorEnd") ?? null;
}

/** Whether a chat can start now: the embed's department's availability, else the service's. */
export function availabilityOf(config: WidgetConfig, department?: string): WidgetConfig["availability"] {
  return config.departments?.find((d) => d.id === department)?.availability ?? config.availability;
}

/** The screen for the given state. */
export function screenOf(s: ScreenInputs): Screen {
  if (s.configFailed && !s.config) return "unavailable";
  if (!s.config) return "loading";
  if (s.offlineSent) return "offline-sent";
  const { state } = s.view;
  if (state === "pending" || state === "waiting" || state === "active") return "chat";
  if (state === "ended") {
    if (s.view.endReason && UNSERVED.has(s.view.endReason) && !s.view.operator) return "offline";
    return endQuestionnaire(s.config) && !s.questionnaireDone ? "questionnaire" : "ended";
  }
  if (s.view.offline || s.offlineRequested || !availabilityOf(s.config, s.department).open) return "offline";
  return "welcome";
}
