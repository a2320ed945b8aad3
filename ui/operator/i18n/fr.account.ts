/** French strings of the user menu (alert preferences) and the change-password dialog (merged into fr.ts). */
import { str } from "@lit/localize";

export const accountTemplates = {
  "menu.sound": "Alertes sonores",
  "menu.notifications": "Notifications du navigateur",
  "menu.notificationsBlocked": "Bloquées par le navigateur : autorisez les notifications pour ce site dans ses réglages.",
  "menu.notificationsUnsupported": "Ce navigateur ne peut pas afficher de notifications.",
  "menu.password": "Changer de mot de passe…",
  "password.title": "Changer de mot de passe",
  "password.rules": str`Au moins ${0} caractères ; quelques mots sans rapport entre eux font un mot de passe solide et facile à retenir. Vos autres sessions seront déconnectées.`,
  "password.current": "Mot de passe actuel",
  "password.new": "Nouveau mot de passe",
  "password.confirm": "Confirmez le nouveau mot de passe",
  "password.submit": "Changer de mot de passe",
  "password.done": "Mot de passe changé. Vos autres sessions ont été déconnectées.",
  "password.wrongCurrent": "Le mot de passe actuel est incorrect.",
  "password.missingCurrent": "Saisissez votre mot de passe actuel.",
  "password.tooShort": str`Le nouveau mot de passe doit compter au moins ${0} caractères.`,
  "password.tooLong": "Le nouveau mot de passe est trop long.",
  "password.blank": "Le nouveau mot de passe ne peut pas être fait que d’espaces.",
  "password.same": "Le nouveau mot de passe doit être différent de l’actuel.",
  "password.mismatch": "Les deux nouveaux mots de passe diffèrent.",
};
