/**
 * Operators and departments: the people who answer and the teams they belong to. Duplicates would
 * make logins and routing ambiguous; dangling department references would silently route nowhere.
 */
import type { ConfigCheck } from "./check-context";
import { reportDuplicates } from "./check-context";

/** Operator ids and e-mail addresses are unique (e-mails compared case-insensitively: they are logins). */
export const uniqueOperators: ConfigCheck = (context) => {
  const { operators } = context.config;
  reportDuplicates(context, operators, { path: (i) => ["operators", i, "id"], key: (o) => o.id, what: "operator id" });
  reportDuplicates(context, operators, { path: (i) => ["operators", i, "email"], key: (o) => o.email.toLowerCase(), what: "operator e-mail" });
};

/** Department ids are unique. */
export const uniqueDepartments: ConfigCheck = (context) => {
  reportDuplicates(context, context.config.departments, { path: (i) => ["departments", i, "id"], key: (d) => d.id, what: "department id" });
};

/** Every department an operator belongs to exists; a department nobody staffs gets a warning. */
export const operatorDepartmentsExist: ConfigCheck = (context) => {
  const { operators, departments } = context.config;
  const known = new Set(departments.map((d) => d.id));
  const list = [...known].join(", ") || "none are defined";
  operators.forEach((operator, i) =>
    operator.departments.forEach((department, j) => {
      if (!known.has(department)) {
        context.error(["operators", i, "departments", j], `unknown department "${department}" (departments: ${list})`, { expected: "the id of a department" });
      }
    }),
  );
  departments.forEach((department, i) => {
    if (!operators.some((o) => o.departments.includes(department.id))) {
      context.warn(["departments", i, "id"], `no operator belongs to department "${department.id}": its visitors can only leave a message`);
    }
  });
};

/** Someone must be able to administer Parley. */
export const hasAdmin: ConfigCheck = (context) => {
  if (!context.config.operators.some((o) => o.role === "admin")) {
    context.error(["operators"], "at least one operator needs role: admin", { expected: "an operator with role admin", found: "none" });
  }
};

/** Offline messages are e-mailed, which needs an smtp section. */
export const offlineMessagesNeedSmtp: ConfigCheck = (context) => {
  if (context.config.smtp) return;
  context.config.operators.forEach((operator, i) => {
    if (operator.receivesOfflineMessages) {
      context.warn(["operators", i, "receivesOfflineMessages"], `operator "${operator.id}" receives offline messages but there is no smtp section, so offline messages cannot be e-mailed`);
    }
  });
};
