/**
 * The named things operators pick from: statuses, questionnaires, canned responses, form fields.
 * Ids must be unique where they are looked up, and references must resolve.
 */
import { BUILTIN_STATUSES, type FieldConfig } from "../schema";
import type { CheckContext, ConfigCheck } from "./check-context";
import { reportDuplicates } from "./check-context";

const builtinStatusIds = Object.keys(BUILTIN_STATUSES);

/** Optional statuses are unique and never redefine connected, break or offline. */
export const statusesAreDistinct: ConfigCheck = (context) => {
  const { statuses } = context.config;
  statuses.forEach((status, i) => {
    if (builtinStatusIds.includes(status.id)) {
      context.error(["statuses", i, "id"], `"${status.id}" is a built-in status (${builtinStatusIds.join(", ")}); choose another id`, { expected: "an id other than the built-in statuses" });
    }
    if (status.stillBusyNotice !== undefined && !status.stillBusyNoticeAfterSeconds) {
      context.warn(["statuses", i, "stillBusyNotice"], "stillBusyNotice is never shown: set stillBusyNoticeAfterSeconds above 0");
    }
  });
  reportDuplicates(context, statuses, { path: (i) => ["statuses", i, "id"], key: (s) => s.id, what: "status id" });
};

/** Re-engagement is sent only in statuses that exist. */
export const reengagementStatusesExist: ConfigCheck = (context) => {
  const known = [...builtinStatusIds, ...context.config.statuses.map((s) => s.id)];
  context.config.timeouts.reengagementStatuses.forEach((status, i) => {
    if (!known.includes(status)) {
      context.error(["timeouts", "reengagementStatuses", i], `unknown status "${status}" (statuses: ${known.join(", ")})`, { expected: "the id of a status" });
    }
  });
};

/** Questionnaire ids are unique; an automatic moment (waiting, visitorEnd, operatorEnd) has at most one. */
export const questionnairesAreDistinct: ConfigCheck = (context) => {
  const { questionnaires } = context.config;
  reportDuplicates(context, questionnaires, { path: (i) => ["questionnaires", i, "id"], key: (q) => q.id, what: "questionnaire id" });
  reportDuplicates(context, questionnaires, {
    path: (i) => ["questionnaires", i, "when"],
    key: (q) => (q.when === "manual" ? undefined : q.when),
    what: "questionnaire for",
    label: (q) => `${q.when}: only one questionnaire can be sent automatically at that moment`,
  });
};

/** Shortcuts are unique within a department (and among the responses for all departments). */
export const cannedResponsesAreDistinct: ConfigCheck = (context) => {
  const { cannedResponses, departments } = context.config;
  const known = new Set(departments.map((d) => d.id));
  cannedResponses.forEach((response, i) => {
    if (response.department !== undefined && !known.has(response.department)) {
      context.error(["cannedResponses", i, "department"], `unknown department "${response.department}"`, { expected: "the id of a department" });
    }
  });
  reportDuplicates(context, cannedResponses, {
    path: (i) => ["cannedResponses", i, "shortcut"],
    key: (r) => `${r.department ?? ""}/${r.shortcut}`,
    what: "shortcut",
    label: (r) => `"${r.shortcut}" in ${r.department === undefined ? "the responses for all departments" : `department ${r.department}`}`,
  });
};

/** Form fields have unique ids per form, and a select field offers choices. */
export const widgetFieldsAreUsable: ConfigCheck = (context) => {
  checkFields(context, "preChatFields", context.config.widget.preChatFields);
  checkFields(context, "visitorProfileFields", context.config.widget.visitorProfileFields);
};

function checkFields(context: CheckContext, form: string, fields: readonly FieldConfig[]): void {
  reportDuplicates(context, fields, { path: (i) => ["widget", form, i, "id"], key: (f) => f.id, what: "field id" });
  fields.forEach((field, i) => {
    if (field.type === "select" && (field.options?.length ?? 0) === 0) {
      context.error(["widget", form, i, "options"], `select field "${field.id}" needs options to choose from`, { expected: "a list of at least 1 option" });
    }
    if (field.type !== "select" && field.options !== undefined) {
      context.warn(["widget", form, i, "options"], `options are ignored: field "${field.id}" is of type ${field.type}, not select`);
    }
  });
}
