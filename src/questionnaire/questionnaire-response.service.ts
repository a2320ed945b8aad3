/**
 * Questionnaire answers, from visitors (end-of-chat survey) and operators (wrap-up after ending):
 * the configured questionnaire's plugin checks and scores them, and one row is stored per
 * respondent and conversation — answering again returns the first result instead of a duplicate.
 * Implements the realtime layer's `QuestionnaireAnswers` port for the visitor socket.
 */
import type { Config, QuestionnaireConfig } from "../config/schema";
import type { Clock, IdGenerator } from "../core/clock";
import { AppError } from "../core/errors";
import type { ConfiguredQuestionnaire } from "../plugins/plugin.service";
import type { QuestionnaireResponseRepository } from "../storage/repositories/questionnaire-responses.repository";
import { operatorEndQuestionnaire, type OperatorQuestionnaireDue, type OperatorQuestionnaireDues } from "./operator-questionnaire-dues.service";

/** Where questionnaires come from: the plugin service. */
export interface QuestionnaireSource {
  questionnaire(id: string): ConfiguredQuestionnaire;
}

/** The part of a conversation the service checks. */
export interface ConversationFacts {
  readonly visitorId: string;
  readonly state: string;
  readonly operatorId: string | null;
  readonly previousOperatorIds: readonly string[];
}

/** What the service needs. */
export interface QuestionnaireResponseDeps {
  readonly repository: QuestionnaireResponseRepository;
  readonly questionnaires: QuestionnaireSource;
  readonly conversation: (id: string) => ConversationFacts | null;
  readonly config: () => Config;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  /**
   * Puts a visitor's new answer in the conversation's log (the engine's `questionnaire.answered`,
   * which the staff see live with its summary); returns the event's seq.
   */
  /** The operator questionnaires still owed; an operator's answer clears its conversation's due. */
  readonly dues?: OperatorQuestionnaireDues;
  readonly visitorAnswered?: (input: { readonly conversationId: string; readonly visitorId: string; readonly questionnaireId: string; readonly summary: string; readonly score: number | null }) => number;
}

type AnswerMap = Readonly<Record<string, string | number | boolean | readonly string[]>>;
const VISITOR_KINDS: readonly QuestionnaireConfig["when"][] = ["visitorEnd", "waiting", "manual"];

/** Records questionnaire answers. */
export class QuestionnaireResponseService {
  constructor(private readonly deps: QuestionnaireResponseDeps) {}

  /** The visitor's answers (the visitor socket's `questionnaire.answer`); `seq` is the log event of a first answer. */
  answer(input: { readonly conversationId: string; readonly visitorId: string; readonly questionnaireId: string; readonly answers: AnswerMap }): { readonly seq?: number; readonly summary: string } {
    const c = this.deps.conversation(input.conversationId);
    if (!c || c.visitorId !== input.visitorId) throw new AppError("conversation.not_found", `no conversation ${input.conversationId}`);
    this.configured(input.questionnaireId, VISITOR_KINDS);
    const { conversationId, visitorId, questionnaireId } = input;
    let seq: number | undefined;
    const result = this.record(conversationId, questionnaireId, "visitor", visitorId, input.answers, (summary, score) => {
      seq = this.deps.visitorAnswered?.({ conversationId, visitorId, questionnaireId, summary, score });
    });
    return seq === undefined ? result : { seq, summary: result.summary };
  }

  /** Whether the visitor of a conversation has already answered this questionnaire. */
  visitorAnswered(conversationId: string, questionnaireId: string): boolean {
    return this.deps.repository.forConversation(conversationId).some((r) => r.questionnaireId === questionnaireId && r.respondentKind === "visitor");
  }

  /** The operator's wrap-up answers; only the operator who handled the conversation (or a supervisor) may give them. */
  answerAsOperator(input: { readonly conversationId: string; readonly operatorId: string; readonly supervisor: boolean; readonly questionnaireId: string; readonly answers: unknown }): { readonly summary: string } {
    const c = this.deps.conversation(input.conversationId);
    if (!c) throw new AppError("conversation.not_found", `no conversation ${input.conversationId}`);
    const handled = c.operatorId === input.operatorId || c.previousOperatorIds.includes(input.operatorId);
    if (!handled && !input.supervisor) throw new AppError("auth.forbidden", "Only the operator who handled this conversation answers its questionnaire.");
    this.configured(input.questionnaireId, ["operatorEnd"]);
    const result = this.record(input.conversationId, input.questionnaireId, "operator", input.operatorId, input.answers);
    this.deps.dues?.answered(input.conversationId, input.questionnaireId);
    return result;
  }

  /** Whether this operator has answered the conversation's questionnaire. */
  operatorAnswered(conversationId: string, questionnaireId: string, operatorId: string): boolean {
    return this.deps.repository.forConversation(conversationId).some((r) => r.questionnaireId === questionnaireId && r.respondentKind === "operator" && r.respondentId === operatorId);
  }

  /** The ended conversations whose operator questionnaire this operator still owes, most recent first. */
  operatorDues(operatorId: string): OperatorQuestionnaireDue[] {
    return this.deps.dues?.pendingFor(operatorId) ?? [];
  }

  /** The first questionnaire configured for operators after a conversation, if any. */
  operatorQuestionnaire(): QuestionnaireConfig | null {
    return operatorEndQuestionnaire(this.deps.config());
  }

  private configured(id: string, kinds: readonly QuestionnaireConfig["when"][]): QuestionnaireConfig {
    const entry = this.deps.config().questionnaires.find((q) => q.id === id);
    if (!entry || !kinds.includes(entry.when)) throw new AppError("questionnaire.not_found", `no questionnaire "${id}" for this respondent`);
    return entry;
  }

  /** Checks, scores and stores one answer; `fresh` runs for a first answer, before it is stored (a throw stores nothing). */
  private record(conversationId: string, questionnaireId: string, kind: "visitor" | "operator", respondentId: string, raw: unknown, fresh?: (summary: string, score: number | null) => void): { summary: string } {
    const { repository, questionnaires, clock, ids } = this.deps;
    const earlier = repository.forConversation(conversationId).find((r) => r.questionnaireId === questionnaireId && r.respondentKind === kind && r.respondentId === respondentId);
    if (earlier) return { summary: earlier.summary };
    const questionnaire = questionnaires.questionnaire(questionnaireId);
    const answers = questionnaire.checkAnswers(raw);
    const { score, summary } = questionnaire.score(answers);
    fresh?.(summary, score);
    repository.insert({
      id: ids.next("qr"),
      conversationId,
      questionnaireId,
      respondentKind: kind,
      respondentId,
      answers: JSON.stringify(answers),
      score,
      summary,
      createdAt: clock.now(),
    });
    return { summary };
  }
}
