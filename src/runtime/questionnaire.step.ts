/**
 * Start-up step for questionnaires: the answers service (visitor surveys and the operator's
 * wrap-up, checked and scored by their plugins) and the operator questionnaire dues, recorded from
 * the engine's events so a conversation ended by anyone owes its operator the questionnaire.
 * Built before the realtime layer: the visitor socket records survey answers through it.
 */
import type { ConfigStore } from "../config/store";
import type { Clock, IdGenerator } from "../core/clock";
import type { Engine } from "../core/engine";
import type { PluginService } from "../plugins/plugin.service";
import { OperatorQuestionnaireDues } from "../questionnaire/operator-questionnaire-dues.service";
import { QuestionnaireResponseService } from "../questionnaire/questionnaire-response.service";
import type { OpenDatabase } from "../storage/db";
import { OperatorQuestionnaireDueRepository } from "../storage/repositories/operator-questionnaire-dues.repository";
import { QuestionnaireResponseRepository } from "../storage/repositories/questionnaire-responses.repository";


/** What the step needs. */
export interface QuestionnaireStepDeps {
  readonly store: ConfigStore;
  readonly database: OpenDatabase;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly engine: Engine;
  readonly plugins: PluginService;
}

/** Questionnaire answers and operator dues; the dues follow the engine from now on. */
export function startQuestionnaireResponses(deps: QuestionnaireStepDeps): QuestionnaireResponseService {
  const config = () => deps.store.current();
  const repository = new QuestionnaireResponseRepository(deps.database.db);
  const dues = new OperatorQuestionnaireDues({
    repository: new OperatorQuestionnaireDueRepository(deps.database.db),
    config,
    answered: (conversationId, questionnaireId, operatorId) => service.operatorAnswered(conversationId, questionnaireId, operatorId),
  });
  const service: QuestionnaireResponseService = new QuestionnaireResponseService({
    repository,
    questionnaires: deps.plugins,
    conversation: (id) => {
      const c = deps.engine.conversationDetails(id);
      return c ? { visitorId: c.visitor.id, state: c.state, operatorId: c.operatorId, previousOperatorIds: c.previousOperatorIds } : null;
    },
    config,
    clock: deps.clock,
    ids: deps.ids,
    dues,
    // The staff see the visitor's answer arrive in the conversation (summary and score).
    visitorAnswered: (a) => deps.engine.recordQuestionnaireAnswer(a.conversationId, { kind: "visitor", id: a.visitorId }, { questionnaireId: a.questionnaireId, summary: a.summary, score: a.score }).seq,
  });
  // Subscribed before the composition root lets deadlines fire (EngineStep.startDeadlines), so a
  // conversation the restart itself ends (an overdue timeout) owes the questionnaire too.
  deps.engine.subscribe(dues.onEngineEvent);
  return service;
}
