/**
 * What the operator wants to be disturbed by, per operator and per browser (localStorage): sounds
 * (every beep of the console) and browser notifications. Both on by default; the user menu switches
 * them, and {@link Attention} obeys them for every alert.
 */

/** The operator's alert choices. */
export interface AlertPreferences {
  readonly sound: boolean;
  readonly notifications: boolean;
}

/** Both on: a live chat operator must not miss a visitor. */
export const DEFAULT_ALERT_PREFERENCES: AlertPreferences = { sound: true, notifications: true };

const keyOf = (operatorId: string) => `parley.console.alerts.${operatorId}`;

/** The saved choices of `operatorId` (defaults for anything missing or unreadable). */
export function loadAlertPreferences(operatorId: string, storage: Pick<Storage, "getItem"> | null): AlertPreferences {
  try {
    const saved = JSON.parse(storage?.getItem(keyOf(operatorId)) ?? "null") as Partial<AlertPreferences> | null;
    return {
      sound: typeof saved?.sound === "boolean" ? saved.sound : DEFAULT_ALERT_PREFERENCES.sound,
      notifications: typeof saved?.notifications === "boolean" ? saved.notifications : DEFAULT_ALERT_PREFERENCES.notifications,
    };
  } catch {
    return DEFAULT_ALERT_PREFERENCES;
  }
}

/** Saves the choices of `operatorId`. */
export function saveAlertPreferences(operatorId: string, preferences: AlertPreferences, storage: Pick<Storage, "setItem"> | null): void {
  try {
    storage?.setItem(keyOf(operatorId), JSON.stringify(preferences));
  } catch {
    /* private mode: the choice lasts for this page only */
  }
}
