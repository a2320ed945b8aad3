/**
 * French catalogue of the manager dashboard's own strings. The console elements it reuses bring
 * their translations from ui/operator/i18n/fr.ts (merged by manager.ts).
 */
import { str } from "@lit/localize";

export const templates = {
  "manager.helpAlert": "Un opérateur demande de l’aide",
  "manager.denied": "Le tableau de bord est réservé aux managers et administrateurs.",
  "manager.toConsole": "Ouvrir la console",
  "manager.title": "Parley — Tableau de bord manager",
  "queue.empty": "Personne n’attend.",
  "queue.assignTo": "Attribuer à",
  "queue.override": "au-delà de la capacité",
  "queue.assign": "Attribuer",
  "queue.assigned": str`Attribuée à ${0}.`,
  "team.status": "Statut",
  "team.loadHeader": "Charge",
  "team.handled": "Traitées aujourd’hui",
  "team.firstResponse": "Première réponse",
  "figures.title": "Aujourd’hui",
  "figures.started": "conversations commencées",
  "figures.answered": "prises en charge",
  "figures.missed": "manquées (aucun opérateur atteint)",
  "figures.waiting": "en attente",
  "figures.active": "en cours",
  "figures.avgWait": "attente moyenne",
  "figures.maxWait": "attente la plus longue",
  "figures.firstResponse": "première réponse moyenne",
  "figures.sla": "premières réponses dans le SLA",
  "figures.duration": "durée moyenne",
  "figures.satisfaction": "satisfaction (questionnaires visiteurs)",
  "live.title": "En cours",
  "live.empty": "Aucune conversation en cours.",
  "live.duration": "Durée",
  "live.quiet": "Silence depuis",
  "live.monitor": "Suivre / rejoindre",
};
