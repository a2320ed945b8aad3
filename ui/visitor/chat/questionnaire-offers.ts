/**
 * The questionnaire an operator (or the waiting timeout) offers during a chat opens in a sheet. When
 * the visitor closes it without answering it must stay closed — also after a reload, when the
 * server replays the conversation's log and with it the offer. The dismissal is remembered on the
 * device per conversation and questionnaire, up to the offer the visitor saw: the same questionnaire
 * sent again later opens again. Its line in the chat (with the Answer button) is not affected.
 */
import type { ChatView } from "./chat.model";

/** Dismissed offers: `<conversationId> <questionnaireId>` → the conversation's last seq when the visitor closed it. */
export type QuestionnaireDismissals = Readonly<Record<string, number>>;

const key = (conversationId: string, questionnaireId: string) => `${conversationId} ${questionnaireId}`;

/** The view with no questionnaire sheet open (answered or dismissed). */
export function closeOffer(view: ChatView): ChatView {
  return view.offeredQuestionnaire === null ? view : { ...view, offeredQuestionnaire: null };
}

/**
 * Records that the visitor dismissed `questionnaireId` in the view's conversation: its offers up to
 * the last event received stay closed. Returns the dismissals unchanged when there is no conversation.
 */
export function dismissOffer(dismissals: QuestionnaireDismissals | undefined, view: ChatView, questionnaireId: string): QuestionnaireDismissals | undefined {
  return view.conversationId ? { ...dismissals, [key(view.conversationId, questionnaireId)]: view.lastSeq } : dismissals;
}

/** Whether the offer of `questionnaireId` at `seq` in `conversationId` was dismissed (a later one, or one outside the log, was not). */
export function isDismissed(dismissals: QuestionnaireDismissals | undefined, conversationId: string, questionnaireId: string, seq: number | null): boolean {
  const upTo = dismissals?.[key(conversationId, questionnaireId)];
  return upTo !== undefined && seq !== null && seq <= upTo;
}
