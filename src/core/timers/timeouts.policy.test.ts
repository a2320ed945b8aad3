import { describe, expect, test } from "bun:test";
import { Value } from "@sinclair/typebox/value";
import { ConfigSchema, type Config } from "../../config/schema";
import { wantedDeadlines, type TimeoutPolicyConfig } from "./timeouts.policy";
import type { ConversationTiming } from "./timeouts.model";

const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);
const s = (seconds: number) => T0 + seconds * 1000;
const m = (minutes: number) => s(minutes * 60);

/** Every timeout disabled, so each row switches on only what it tests. */
const allOff: Config["timeouts"] = {
  ...(Value.Default(ConfigSchema.properties.timeouts, {}) as Config["timeouts"]),
  visitorInactivityMinutes: 0,
  operatorReminderBeforeTimeoutSeconds: 0,
  presenceGraceSeconds: 30,
};
const configWith = (timeouts: Partial<Config["timeouts"]>, extra: Partial<TimeoutPolicyConfig> = {}): TimeoutPolicyConfig => ({
  timeouts: { ...allOff, ...timeouts },
  statuses: [{ id: "searching", label: "Searching for information", acceptsNewConversations: false, stillBusyNoticeAfterSeconds: 120 }],
  questionnaires: [],
  ...extra,
});

/** Active since T0; the visitor wrote at +1 min and the operator answered at +2 min. */
const active: ConversationTiming = {
  status: "active",
  waitingSince: m(-5),
  assignedAt: T0,
  lastVisitorActivityAt: m(1),
  visitorAwaitingReplySince: null,
  lastOperatorMessageAt: m(2),
  operatorStatus: "connected",
  operatorStatusSince: m(-60),
  operatorDisconnectedAt: null,
};
const waiting: ConversationTiming = { ...active, status: "waiting", waitingSince: T0, assignedAt: null, lastOperatorMessageAt: null, operatorStatus: null, operatorStatusSince: null };

/** The visitor wrote at +`minutes` and has had no answer since. */
const awaiting = (minutes: number): Partial<ConversationTiming> => ({ lastVisitorActivityAt: m(minutes), visitorAwaitingReplySince: m(minutes) });

/** Deadlines as `kind → minutes after T0`, readable in a table. */
const plan = (timing: ConversationTiming, config: TimeoutPolicyConfig) =>
  Object.fromEntries(wantedDeadlines(timing, config).map((d) => [d.kind, (d.dueAt - T0) / 60_000]));

describe("wantedDeadlines", () => {
  test.each<[string, TimeoutPolicyConfig, Partial<ConversationTiming>, Record<string, number>]>([
    ["everything at 0 → no deadline", configWith({}), {}, {}],
    // visitor inactivity end + operator reminder: only on the visitor's turn
    ["inactivity end counts from when the turn passed to the visitor (the operator's answer)", configWith({ visitorInactivityMinutes: 30 }), {}, { "visitor-inactivity-end": 32 }],
    ["a later operator message restarts the visitor's silence", configWith({ visitorInactivityMinutes: 30 }), { lastOperatorMessageAt: m(20) }, { "visitor-inactivity-end": 50 }],
    ["a new assignment restarts the visitor's silence", configWith({ visitorInactivityMinutes: 30 }), { assignedAt: m(10) }, { "visitor-inactivity-end": 40 }],
    ["nobody has written since the assignment → counts from the assignment", configWith({ visitorInactivityMinutes: 30 }), { lastVisitorActivityAt: m(-5), lastOperatorMessageAt: null }, { "visitor-inactivity-end": 30 }],
    ["no inactivity end while the visitor awaits an answer", configWith({ visitorInactivityMinutes: 30 }), { lastVisitorActivityAt: m(3), visitorAwaitingReplySince: m(3) }, {}],
    ["no inactivity end while waiting in queue", configWith({ visitorInactivityMinutes: 30 }), { status: "waiting" }, {}],
    ["operator reminder N s before the end", configWith({ visitorInactivityMinutes: 30, operatorReminderBeforeTimeoutSeconds: 120 }), {}, { "visitor-inactivity-end": 32, "operator-timeout-reminder": 30 }],
    ["no operator reminder of an end that does not run (the visitor awaits an answer)", configWith({ visitorInactivityMinutes: 30, operatorReminderBeforeTimeoutSeconds: 120 }), { lastVisitorActivityAt: m(3), visitorAwaitingReplySince: m(3) }, {}],
    ["while the visitor awaits an answer, the operator is warned before the automatic transfer", configWith({ autoTransferSeconds: 180, operatorReminderBeforeTimeoutSeconds: 60 }), { lastVisitorActivityAt: m(3), visitorAwaitingReplySince: m(3) }, { "auto-transfer": 6, "operator-timeout-reminder": 5 }],
    ["a new operator is warned before their own full delay", configWith({ autoTransferSeconds: 180, operatorReminderBeforeTimeoutSeconds: 60 }), { lastVisitorActivityAt: m(3), visitorAwaitingReplySince: m(3), assignedAt: m(10) }, { "auto-transfer": 13, "operator-timeout-reminder": 12 }],
    ["an operator reminder as long as the transfer delay → skipped", configWith({ autoTransferSeconds: 60, operatorReminderBeforeTimeoutSeconds: 60 }), { lastVisitorActivityAt: m(3), visitorAwaitingReplySince: m(3) }, { "auto-transfer": 4 }],
    ["on the visitor's turn the reminder is about the end, not a transfer", configWith({ visitorInactivityMinutes: 30, autoTransferSeconds: 180, operatorReminderBeforeTimeoutSeconds: 60 }), {}, { "visitor-inactivity-end": 32, "operator-timeout-reminder": 31 }],
    ["operator reminder without inactivity timeout → none", configWith({ operatorReminderBeforeTimeoutSeconds: 120 }), {}, {}],
    ["operator reminder longer than the timeout → skipped", configWith({ visitorInactivityMinutes: 1, operatorReminderBeforeTimeoutSeconds: 60 }), {}, { "visitor-inactivity-end": 3 }],
    // visitor reminder ("are you still there?"): only when the operator is the one waiting
    ["visitor reminder N min after the operator's last message", configWith({ visitorReminderMinutes: 10 }), {}, { "visitor-reminder": 12 }],
    ["visitor reminder never while the visitor awaits an answer", configWith({ visitorReminderMinutes: 10 }), { lastVisitorActivityAt: m(3), visitorAwaitingReplySince: m(3) }, {}],
    ["visitor reminder not before the operator has written", configWith({ visitorReminderMinutes: 10 }), { lastOperatorMessageAt: null }, {}],
    ["a new assignment after the operator's last message restarts it", configWith({ visitorReminderMinutes: 10 }), { assignedAt: m(4) }, { "visitor-reminder": 14 }],
    ["visitor reminder already sent in this silence → none", configWith({ visitorReminderMinutes: 10 }), { visitorReminderSentAt: m(12) }, {}],
    ["visitor reminder sent in an earlier silence → armed again", configWith({ visitorReminderMinutes: 10 }), { visitorReminderSentAt: m(0.5) }, { "visitor-reminder": 12 }],
    ["visitor reminder at or after the end → skipped", configWith({ visitorReminderMinutes: 30, visitorInactivityMinutes: 30 }), {}, { "visitor-inactivity-end": 32 }],
    // re-engagement
    ["re-engagement after N min of silence when the operator had the last word", configWith({ reengagementMinutes: 5 }), {}, { reengagement: 7 }],
    ["re-engagement not while the visitor awaits an answer", configWith({ reengagementMinutes: 5 }), { lastVisitorActivityAt: m(3), visitorAwaitingReplySince: m(3) }, {}],
    ["re-engagement only in the listed statuses", configWith({ reengagementMinutes: 5 }), { operatorStatus: "break" }, {}],
    ["re-engagement in a listed custom status", configWith({ reengagementMinutes: 5, reengagementStatuses: ["connected", "phone"] }), { operatorStatus: "phone" }, { reengagement: 7 }],
    ["re-engagement not while the operator is disconnected", configWith({ reengagementMinutes: 5 }), { operatorDisconnectedAt: m(3) }, {}],
    ["re-engagement already sent in this silence → none", configWith({ reengagementMinutes: 5 }), { reengagementSentAt: m(7) }, {}],
    ["re-engagement needs an operator message", configWith({ reengagementMinutes: 5 }), { lastOperatorMessageAt: null }, {}],
    // auto-transfer
    ["auto-transfer counts from the first unanswered visitor message", configWith({ autoTransferSeconds: 90 }), { lastVisitorActivityAt: m(4), visitorAwaitingReplySince: m(3) }, { "auto-transfer": 4.5 }],
    ["auto-transfer gives a new operator the full delay", configWith({ autoTransferSeconds: 90 }), { visitorAwaitingReplySince: m(-3), assignedAt: m(0) }, { "auto-transfer": 1.5 }],
    ["auto-transfer none once the operator replied", configWith({ autoTransferSeconds: 90 }), {}, {}],
    ["auto-transfer not while waiting in queue", configWith({ autoTransferSeconds: 90 }), { status: "waiting", visitorAwaitingReplySince: m(3) }, {}],
    // operator disconnect
    ["disconnect notice N s after the drop", configWith({ operatorDisconnectNoticeSeconds: 60 }), { operatorDisconnectedAt: m(10) }, { "operator-disconnect-notice": 11 }],
    ["disconnect notice already sent for this drop → none", configWith({ operatorDisconnectNoticeSeconds: 60 }), { operatorDisconnectedAt: m(10), disconnectNoticeSentAt: m(11) }, {}],
    ["connected operator → no disconnect deadlines", configWith({ operatorDisconnectNoticeSeconds: 60, transferOnOperatorDisconnect: true }), {}, {}],
    ["disconnect transfer after the presence grace", configWith({ transferOnOperatorDisconnect: true, presenceGraceSeconds: 120 }), { operatorDisconnectedAt: m(10) }, { "operator-disconnect-transfer": 12 }],
    ["disconnect transfer off by default", configWith({ presenceGraceSeconds: 120 }), { operatorDisconnectedAt: m(10) }, {}],
    // still searching: only to a visitor who is waiting for the operator
    ["still-searching notice N s after the status change", configWith({}), { ...awaiting(3), operatorStatus: "searching", operatorStatusSince: m(5) }, { "still-searching-notice": 7 }],
    ["counted from the visitor's question when it came after the status change", configWith({}), { ...awaiting(6), operatorStatus: "searching", operatorStatusSince: m(5) }, { "still-searching-notice": 8 }],
    ["not to a visitor who owes the next message (the operator had the last word)", configWith({}), { operatorStatus: "searching", operatorStatusSince: m(5) }, {}],
    ["nobody has written yet: the visitor is waiting for the operator", configWith({}), { lastOperatorMessageAt: null, operatorStatus: "searching", operatorStatusSince: m(5) }, { "still-searching-notice": 7 }],
    ["already sent for this stretch → none", configWith({}), { ...awaiting(3), operatorStatus: "searching", operatorStatusSince: m(5), stillBusyNoticeSentAt: m(7) }, {}],
    ["a status without the setting → none", configWith({}), { ...awaiting(3), operatorStatus: "break", operatorStatusSince: m(5) }, {}],
    // lifecycle
    ["ended conversations have no deadline", configWith({ visitorInactivityMinutes: 30, autoTransferSeconds: 60 }), { status: "ended", visitorAwaitingReplySince: m(3) }, {}],
    ["pending conversations have no deadline", configWith({ visitorInactivityMinutes: 30 }), { status: "pending" }, {}],
  ])("%s", (_name, config, changes, expected) => {
    expect(plan({ ...active, ...changes }, config)).toEqual(expected);
  });

  describe("waiting questionnaire", () => {
    const questionnaire = { id: "wait", plugin: "csat", when: "waiting" as const, options: {}, showCompleteButton: true, showCancelButton: true, allowCloseWithoutAnswer: true };
    test.each<[string, TimeoutPolicyConfig, Partial<ConversationTiming>, Record<string, number>]>([
      ["offered N min after entering the queue", configWith({ waitingQuestionnaireMinutes: 3 }, { questionnaires: [questionnaire] }), {}, { "waiting-questionnaire": 3 }],
      ["not without a waiting questionnaire configured", configWith({ waitingQuestionnaireMinutes: 3 }), {}, {}],
      ["not with only an end-of-chat questionnaire", configWith({ waitingQuestionnaireMinutes: 3 }, { questionnaires: [{ ...questionnaire, when: "visitorEnd" }] }), {}, {}],
      ["once per conversation", configWith({ waitingQuestionnaireMinutes: 3 }, { questionnaires: [questionnaire] }), { waitingQuestionnaireOfferedAt: m(3) }, {}],
      ["no longer once active", configWith({ waitingQuestionnaireMinutes: 3 }, { questionnaires: [questionnaire] }), { status: "active" }, {}],
    ])("%s", (_name, config, changes, expected) => {
      expect(plan({ ...waiting, ...changes }, config)).toEqual(expected);
    });
  });

  describe("whose turn it is decides which silence rules run", () => {
    const config = configWith({
      visitorInactivityMinutes: 30,
      operatorReminderBeforeTimeoutSeconds: 60,
      visitorReminderMinutes: 20,
      reengagementMinutes: 10,
      autoTransferSeconds: 120,
      operatorDisconnectNoticeSeconds: 30,
      transferOnOperatorDisconnect: true,
    });

    test("the operator had the last word: the visitor-side rules, nothing that blames the operator", () => {
      expect(plan({ ...active, operatorStatus: "searching", operatorStatusSince: m(2) }, config)).toEqual({
        "visitor-inactivity-end": 32,
        "operator-timeout-reminder": 31,
        "visitor-reminder": 22,
      });
      expect(plan(active, config)).toMatchObject({ reengagement: 12 });
    });

    test("the visitor awaits an answer: auto-transfer, the operator's warning before it and the operator-side notices, nothing that blames the visitor", () => {
      const timing: ConversationTiming = { ...active, ...awaiting(3), operatorDisconnectedAt: m(4), operatorStatus: "searching", operatorStatusSince: m(2) };
      expect(plan(timing, config)).toEqual({
        "auto-transfer": 5,
        "operator-timeout-reminder": 4,
        "operator-disconnect-notice": 4.5,
        "operator-disconnect-transfer": 4.5,
        "still-searching-notice": 5,
      });
    });
  });
});
