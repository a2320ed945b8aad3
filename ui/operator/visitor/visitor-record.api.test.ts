import { describe, expect, test } from "bun:test";
import { changedValues, type AdditionalInfoField } from "./visitor-record.api";

const field = (id: string, value: string | null): AdditionalInfoField => ({ id, label: id, type: "text", options: null, maxLength: 200, value, updatedAt: null, updatedBy: null, updatedByName: null });

describe("what the additional information form saves", () => {
  test("only fields whose value changed; a blanked field is sent as null; untouched fields are not sent", () => {
    const fields = [field("account", "A-42"), field("segment", null), field("due", "2026-05-01"), field("summary", "x")];
    const edits = new Map([["account", "A-42 "], ["segment", "Enterprise"], ["due", ""]]);
    expect(changedValues(fields, edits)).toEqual({ segment: "Enterprise", due: null });
  });

  test("nothing edited: nothing to save", () => {
    expect(changedValues([field("account", "A-42")], new Map())).toEqual({});
  });
});
