/**
 * The console's copy of my owed operator questionnaires (the server's list, GET
 * /api/console/questionnaire-dues), and the rules that say when the questionnaire dialog opens and
 * when the "Complete questionnaire" button shows. The server's list is the truth: it knows about
 * conversations the visitor, a timeout or a manager ended, and survives reloads and other tabs.
 */
import type { OperatorQuestionnaire, QuestionnaireDue } from "../api/console.api";

/** What the rules read of the configured questionnaire. */
export type DuePolicy = Pick<OperatorQuestionnaire, "showCompleteButton" | "allowCloseWithoutAnswer">;

/** My owed questionnaires, most recently ended first. */
export class QuestionnaireDues {
  private dues: QuestionnaireDue[] = [];

  /** Replaces the list with the server's. */
  replace(dues: readonly QuestionnaireDue[]): void {
    this.dues = [...dues];
  }

  /** Whether this conversation's questionnaire is owed. */
  has(conversationId: string): boolean {
    return this.dues.some((d) => d.conversationId === conversationId);
  }

  /** The due of a conversation, if owed. */
  get(conversationId: string): QuestionnaireDue | undefined {
    return this.dues.find((d) => d.conversationId === conversationId);
  }

  /** Answered: no longer owed. */
  remove(conversationId: string): void {
    this.dues = this.dues.filter((d) => d.conversationId !== conversationId);
  }

  /** How many are owed. */
  get size(): number {
    return this.dues.length;
  }

  /**
   * The conversation whose questionnaire must be answered now when it cannot be closed without
   * answering: the one on screen if it is owed, else the most recently ended one; null when none
   * is owed or closing is allowed (then it opens only when a conversation ends, or from the button).
   */
  insistOn(policy: DuePolicy, onScreen: string | null): string | null {
    if (policy.allowCloseWithoutAnswer || this.dues.length === 0) return null;
    return onScreen && this.has(onScreen) ? onScreen : this.dues[0]!.conversationId;
  }

  /** Whether the "Complete questionnaire" button shows under the input area of this conversation. */
  showsButton(policy: DuePolicy, conversationId: string, dialogFor: string | null): boolean {
    return policy.showCompleteButton && dialogFor !== conversationId && this.has(conversationId);
  }
}
