/**
 * The rules a schema cannot express because they relate values to each other (references,
 * uniqueness, calendars). They run only on a schema-valid config, so each rule can trust types.
 */
import type { Config } from "../schema";
import type { ConfigIssue } from "../issue.model";
import { runChecks, type CheckSource, type ConfigCheck } from "./check-context";
import { cannedResponsesAreDistinct, questionnairesAreDistinct, reengagementStatusesExist, statusesAreDistinct, widgetFieldsAreUsable } from "./catalog.check";
import { openingHoursAreValid } from "./hours.check";
import { hasAdmin, offlineMessagesNeedSmtp, operatorDepartmentsExist, uniqueDepartments, uniqueOperators } from "./people.check";
import { routingModeIsUsable, urlRulesTargetExist } from "./routing.check";
import { fileTypesAreMime, proxiesAreAddresses, timeoutsAreCoherent, urlsAreAbsolute } from "./server.check";
import { additionalInfoFieldsAreUsable, offlineAutoReplyNeedsSmtp } from "./visitors.check";

/** Every semantic rule, in the order their issues are most helpful to read. */
export const SEMANTIC_CHECKS: readonly ConfigCheck[] = [
  uniqueOperators,
  hasAdmin,
  uniqueDepartments,
  operatorDepartmentsExist,
  offlineMessagesNeedSmtp,
  routingModeIsUsable,
  urlRulesTargetExist,
  openingHoursAreValid,
  statusesAreDistinct,
  reengagementStatusesExist,
  questionnairesAreDistinct,
  cannedResponsesAreDistinct,
  widgetFieldsAreUsable,
  additionalInfoFieldsAreUsable,
  offlineAutoReplyNeedsSmtp,
  urlsAreAbsolute,
  proxiesAreAddresses,
  fileTypesAreMime,
  timeoutsAreCoherent,
];

/** Errors (refuse the config) and warnings (accept it, tell the admin) of a schema-valid config. */
export function semanticIssues(config: Config, source: CheckSource): { errors: ConfigIssue[]; warnings: ConfigIssue[] } {
  return runChecks(config, source, SEMANTIC_CHECKS);
}
