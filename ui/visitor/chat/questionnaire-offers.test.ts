import { describe, expect, test } from "bun:test";
import { EMPTY_VIEW, type ChatView } from "./chat.model";
import { closeOffer, dismissOffer, isDismissed } from "./questionnaire-offers";

const offered: ChatView = { ...EMPTY_VIEW, conversationId: "c1", state: "active", lastSeq: 7, offeredQuestionnaire: "pulse" };

describe("questionnaires offered during the chat", () => {
  test("closing the sheet leaves the view without an offered questionnaire", () => {
    expect(closeOffer(offered).offeredQuestionnaire).toBeNull();
    expect(closeOffer(EMPTY_VIEW)).toBe(EMPTY_VIEW);
  });

  test("a dismissal covers the offers so far of that questionnaire in that conversation only", () => {
    const dismissals = dismissOffer(undefined, offered, "pulse");
    expect(dismissals).toEqual({ "c1 pulse": 7 });
    expect(isDismissed(dismissals, "c1", "pulse", 5)).toBe(true);
    expect(isDismissed(dismissals, "c1", "pulse", 7)).toBe(true);
    expect(isDismissed(dismissals, "c1", "pulse", 8)).toBe(false); // sent again later
    expect(isDismissed(dismissals, "c1", "other", 5)).toBe(false);
    expect(isDismissed(dismissals, "c2", "pulse", 5)).toBe(false);
    expect(isDismissed(dismissals, "c1", "pulse", null)).toBe(false); // an offer outside the log is new
    expect(isDismissed(undefined, "c1", "pulse", 1)).toBe(false);
  });

  test("dismissals add up and a later dismissal of the same questionnaire moves its mark", () => {
    const both = dismissOffer(dismissOffer(undefined, offered, "pulse"), { ...offered, lastSeq: 9 }, "exit");
    expect(both).toEqual({ "c1 pulse": 7, "c1 exit": 9 });
    expect(dismissOffer(both, { ...offered, lastSeq: 12 }, "pulse")).toEqual({ "c1 pulse": 12, "c1 exit": 9 });
  });

  test("without a conversation nothing is recorded", () => {
    expect(dismissOffer(undefined, EMPTY_VIEW, "pulse")).toBeUndefined();
  });
});
