/** French strings of the offline-messages drawer and the visitor-message alert (merged into fr.ts). */
import { str } from "@lit/localize";

export const offlineTemplates = {
  "offline.title": "Messages hors ligne",
  "offline.close": "Fermer",
  "offline.show": "Afficher",
  "offline.open": "À traiter",
  "offline.handled": "Traités",
  "offline.all": "Tous",
  "offline.department": "Service",
  "offline.allDepartments": "Tous les services",
  "offline.noneOpen": "Aucun message en attente. Bravo !",
  "offline.none": "Aucun message.",
  "offline.more": "Messages plus anciens",
  "offline.replySubject": "Votre message sur notre site",
  "offline.replyIntro": str`${0} a écrit le ${1} :`,
  "offline.page": "Page :",
  "offline.reply": "Répondre par e-mail",
  "offline.markHandled": "Marquer comme traité",
  "offline.handledBy": str`Traité par ${0} le ${1}`,
  "offline.reason.afterHours": "hors des heures d’ouverture",
  "offline.reason.queueFull": "file d’attente pleine",
  "offline.reason.noOperator": "personne en ligne",
  "offline.reason.queueClosed": "file d’attente fermée",
  "header.offlineTitle": "Messages laissés par les visiteurs quand personne ne pouvait discuter",
  "alert.offline": "Nouveau message hors ligne",
  "alert.message": str`Nouveau message de ${0}`,
};
