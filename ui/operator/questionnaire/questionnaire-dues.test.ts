import { describe, expect, test } from "bun:test";
import { QuestionnaireDues } from "./questionnaire-dues";

const due = (conversationId: string, endedAt: number) => ({ conversationId, questionnaireId: "wrapup", endedAt, visitorName: null });
const FORCED = { showCompleteButton: true, allowCloseWithoutAnswer: false };
const OPTIONAL = { showCompleteButton: true, allowCloseWithoutAnswer: true };

describe("operator questionnaire dues in the console", () => {
  test("when it cannot be closed without answering, the console insists: on the conversation on screen if owed, else the latest", () => {
    const dues = new QuestionnaireDues();
    expect(dues.insistOn(FORCED, null)).toBeNull();
    dues.replace([due("c3", 30), due("c1", 10)]);
    expect(dues.insistOn(FORCED, "c1")).toBe("c1");
    expect(dues.insistOn(FORCED, "c9")).toBe("c3");
    expect(dues.insistOn(FORCED, null)).toBe("c3");
    dues.remove("c3");
    expect(dues.insistOn(FORCED, null)).toBe("c1");
    dues.remove("c1");
    expect(dues.insistOn(FORCED, null)).toBeNull();
  });

  test("when closing is allowed, it never insists", () => {
    const dues = new QuestionnaireDues();
    dues.replace([due("c1", 10)]);
    expect(dues.insistOn(OPTIONAL, "c1")).toBeNull();
  });

  test("the Complete button shows for an owed conversation while its dialog is closed, if configured", () => {
    const dues = new QuestionnaireDues();
    dues.replace([due("c1", 10)]);
    expect(dues.showsButton(OPTIONAL, "c1", null)).toBe(true);
    expect(dues.showsButton(OPTIONAL, "c1", "c1")).toBe(false);
    expect(dues.showsButton(OPTIONAL, "c2", null)).toBe(false);
    expect(dues.showsButton({ ...OPTIONAL, showCompleteButton: false }, "c1", null)).toBe(false);
    dues.remove("c1");
    expect(dues.showsButton(OPTIONAL, "c1", null)).toBe(false);
  });
});
