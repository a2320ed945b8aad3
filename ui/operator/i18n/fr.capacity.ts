/** French strings of my own capacity in the status menu and the queue-timeout end reason (merged into fr.ts). */
import { str } from "@lit/localize";

export const capacityTemplates = {
  "end.queueTimeout": "attente trop longue dans la file",
  "offline.reason.queueTimeout": "attente trop longue dans la file",
  "capacity.label": "Conversations max.",
  "capacity.title": "Combien de conversations vous prenez en même temps (au plus ce que la configuration autorise). La baisser ne vous en retire aucune : vous n’en recevez simplement plus de nouvelles.",
  "capacity.of": str`sur ${0}`,
  "capacity.saved": str`Vous prenez désormais jusqu’à ${0} conversation(s) à la fois.`,
};
