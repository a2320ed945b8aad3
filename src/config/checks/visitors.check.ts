/**
 * The visitor record's additional information fields and the offline auto-reply: rules that relate
 * keys to each other (unique ids, options only for select, mail only with smtp).
 */
import { reportDuplicates, type ConfigCheck } from "./check-context";

/** Additional information fields are unique, a select has options, options elsewhere are ignored. */
export const additionalInfoFieldsAreUsable: ConfigCheck = (context) => {
  const fields = context.config.visitors.additionalInfoFields;
  reportDuplicates(context, fields, { path: (i) => ["visitors", "additionalInfoFields", i, "id"], key: (f) => f.id, what: "field id" });
  fields.forEach((field, i) => {
    const path = ["visitors", "additionalInfoFields", i, "options"];
    if (field.type === "select" && (field.options?.length ?? 0) === 0) {
      context.error(path, `select field "${field.id}" needs options to choose from`, { expected: "a list of at least 1 option" });
    }
    if (field.type !== "select" && field.options !== undefined) {
      context.warn(path, `options are ignored: field "${field.id}" is of type ${field.type}, not select`);
    }
    if ((field.type === "select" || field.type === "date") && field.maxLength !== undefined) {
      context.warn(["visitors", "additionalInfoFields", i, "maxLength"], `maxLength is ignored: field "${field.id}" is of type ${field.type}`);
    }
  });
};

/** The auto-reply is an e-mail: without smtp it would wait in the outbox forever. */
export const offlineAutoReplyNeedsSmtp: ConfigCheck = (context) => {
  if (context.config.offlineMessages.autoReply.enabled && !context.config.smtp) {
    context.warn(["offlineMessages", "autoReply", "enabled"], "the offline auto-reply is enabled but there is no smtp section, so it cannot be e-mailed");
  }
};
