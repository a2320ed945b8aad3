/** French strings of the visitor record in the visitor panel: additional information and erasing the visitor (merged into fr.ts). */
import { str } from "@lit/localize";

export const visitorRecordTemplates = {
  "visitorInfo.title": "Informations complémentaires",
  "visitorInfo.loadFailed": "Impossible de charger les informations complémentaires.",
  "visitorInfo.reset": "Annuler les modifications",
  "visitorInfo.save": "Enregistrer",
  "visitorInfo.saved": "Informations complémentaires enregistrées.",
  "visitorInfo.changedBy": str`Modifié par ${0} · ${1}`,
  "erase.open": "Effacer ce visiteur…",
  "erase.endFirst": "Pour effacer ce visiteur, terminez d’abord la conversation.",
  "erase.title": str`Effacer ${0} ?`,
  "erase.explain":
    "Toutes les conversations avec ce visiteur, leurs messages, notes, fichiers et réponses aux questionnaires, ses messages hors ligne et ses informations complémentaires sont supprimés définitivement. Son widget de chat est déconnecté. Cette action est irréversible.",
  "erase.typeToConfirm": str`Tapez ${0} pour confirmer`,
  "erase.submit": "Effacer le visiteur",
  "erase.done": str`Visiteur effacé (${0} conversation(s)).`,
};
