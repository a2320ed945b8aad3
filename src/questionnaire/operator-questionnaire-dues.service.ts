/**
 * Which ended conversations still owe their operator questionnaire. A mature console does not
 * rely on the browser having seen the end: the visitor may close the chat, the inactivity timeout
 * or a manager may end it, the operator may reload or use another tab. So the server records a
 * due when a conversation ends (for the operator who had it at that moment), the console asks for
 * the caller's dues to show "Complete questionnaire" or to insist on it, and answering clears it.
 */
import type { Config, QuestionnaireConfig } from "../config/schema";
import type { EngineEvent } from "../core/conversation/conversation.events";
import type { OperatorQuestionnaireDueRepository } from "../storage/repositories/operator-questionnaire-dues.repository";

/** Most dues listed for one operator (newest first): enough for any shift, bounded for the wire. */
export const MAX_LISTED_DUES = 100;

/** One owed questionnaire, as the console sees it. */
export interface OperatorQuestionnaireDue {
  readonly conversationId: string;
  readonly questionnaireId: string;
  readonly endedAt: number;
}

/** What the service needs. */
export interface OperatorQuestionnaireDuesDeps {
  readonly repository: OperatorQuestionnaireDueRepository;
  readonly config: () => Config;
  /** Whether this operator already answered the conversation's questionnaire (e.g. during the chat). */
  readonly answered: (conversationId: string, questionnaireId: string, operatorId: string) => boolean;
}

/** The questionnaire configured for operators after a conversation, if any (the first `operatorEnd`). */
export function operatorEndQuestionnaire(config: Config): QuestionnaireConfig | null {
  return config.questionnaires.find((q) => q.when === "operatorEnd") ?? null;
}

/** Records, lists and clears operator questionnaire dues. */
export class OperatorQuestionnaireDues {
  constructor(private readonly deps: OperatorQuestionnaireDuesDeps) {}

  /**
   * Engine listener: a conversation that ends with an operator (whoever ended it: the operator,
   * the visitor, a timeout, a manager) owes that operator the questionnaire configured now.
   */
  readonly onEngineEvent = (event: EngineEvent): void => {
    if (event.kind !== "conversation.event" || event.event.type !== "conversation.ended") return;
    const operatorId = event.conversation.operatorId;
    const questionnaire = operatorEndQuestionnaire(this.deps.config());
    if (!operatorId || !questionnaire) return;
    const conversationId = event.conversation.id;
    if (this.deps.answered(conversationId, questionnaire.id, operatorId)) return;
    this.deps.repository.upsert({ conversationId, operatorId, questionnaireId: questionnaire.id, endedAt: event.event.createdAt });
  };

  /** The operator's dues for the questionnaire configured now, most recently ended first (none without one). */
  pendingFor(operatorId: string): OperatorQuestionnaireDue[] {
    const questionnaire = operatorEndQuestionnaire(this.deps.config());
    if (!questionnaire) return [];
    return this.deps.repository.forOperator(operatorId, questionnaire.id, MAX_LISTED_DUES).map(({ conversationId, questionnaireId, endedAt }) => ({ conversationId, questionnaireId, endedAt }));
  }

  /** The conversation's questionnaire was answered: it is no longer owed. */
  answered(conversationId: string, questionnaireId: string): void {
    const due = this.deps.repository.forConversation(conversationId);
    if (due && due.questionnaireId === questionnaireId) this.deps.repository.clear(conversationId);
  }
}
