/** French strings of my own capacity in the status menu and the queue-timeout end reason (merged into fr.ts). */

export const capacityTemplates = {
  "end.queueTimeout": "attente trop longue dans la file",
};
