import { describe, expect, test } from "bun:test";
import { attachment, csvCell, csvLine } from "./csv";

describe("csv", () => {
  test("quotes cells holding commas, quotes, line breaks or edge spaces, doubling quotes", () => {
    expect(csvLine(["plain", "a,b", 'say "hi"', "two\nlines", " padded", null, undefined, 42, 1.5, true])).toBe('plain,"a,b","say ""hi""","two\nlines"," padded",,,42,1.5,true\r\n');
  });

  test("text that a spreadsheet would run as a formula is prefixed with an apostrophe", () => {
    expect(csvCell("=HYPERLINK(\"http://evil\",\"click\")")).toBe("\"'=HYPERLINK(\"\"http://evil\"\",\"\"click\"\")\"");
    expect(["+1 555", "-2+3", "@SUM(A1)", "\tx", "\r=1"].map(csvCell)).toEqual(["'+1 555", "'-2+3", "'@SUM(A1)", "'\tx", "\"'\r=1\""]);
    expect(csvCell("a=b")).toBe("a=b");
  });

  test("numbers stay numbers (a negative figure is not a formula); NaN is an empty cell", () => {
    expect([csvCell(-5), csvCell(Number.NaN)]).toEqual(["-5", ""]);
  });

  test("the file name of a download is limited to safe characters", () => {
    expect(attachment('parley "report"\r\n.csv')).toBe('attachment; filename="parley__report___.csv"');
  });
});
