import { describe, expect, test } from "bun:test";
import { requestStates } from "./conversation-requests";

describe("requests made during a chat", () => {
  test("each file the visitor sends answers the oldest file request still open before it", () => {
    const states = requestStates([
      { seq: 2, kind: "visitor.file" }, // sent before any request: answers nothing
      { seq: 3, kind: "file.requested" },
      { seq: 5, kind: "file.requested" },
      { seq: 6, kind: "visitor.file" },
    ]);
    expect([...states.answeredFiles]).toEqual([3]);
  });

  test("entries may come in any order (history pages, live events)", () => {
    const states = requestStates([
      { seq: 9, kind: "visitor.file" },
      { seq: 4, kind: "file.requested" },
      { seq: 7, kind: "visitor.file" },
      { seq: 8, kind: "file.requested" },
    ]);
    expect([...states.answeredFiles].sort()).toEqual([4, 8]);
  });

  test("questionnaires are answered once their answer is logged", () => {
    const states = requestStates([{ seq: 3, kind: "questionnaire.answered", questionnaireId: "pulse" }]);
    expect(states.answeredQuestionnaires.has("pulse")).toBe(true);
    expect(states.answeredQuestionnaires.has("exit")).toBe(false);
    expect(states.answeredFiles.size).toBe(0);
  });
});
