/**
 * Topic names of the realtime hub. One helper per kind so publishers and subscribers can never
 * disagree on spelling.
 */
export const Topics = {
  /** Every event of one conversation: its visitor, its operator, and staff watching it. */
  conversation: (conversationId: string) => `conversation:${conversationId}`,
  /** Everything addressed to one operator: assignments, transfer offers, operator chat. */
  operator: (operatorId: string) => `operator:${operatorId}`,
  /** Conversation summaries of one department (new waiting ones, assignments, ends) for its staff. */
  department: (departmentId: string | null) => `department:${departmentId ?? "_none"}`,
  /** Queue size changes, for every operator. */
  queue: "queue",
  /** Operator presence (online/status), for operators allowed to list online operators. */
  presence: "presence",
} as const;
