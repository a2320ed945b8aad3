import { expect, test } from "bun:test";
import { fileProblem } from "./chat.files";

const limits = { maxBytes: 1000, allowedTypes: ["image/png", "application/pdf"] };

test("files are checked against the server's limits before uploading, with the server's own codes", () => {
  expect(fileProblem({ size: 10, type: "image/png" }, limits)).toBeNull();
  expect(fileProblem({ size: 10, type: "IMAGE/PNG" }, limits)).toBeNull();
  expect(fileProblem({ size: 1001, type: "image/png" }, limits)).toBe("upload.too_large");
  expect(fileProblem({ size: 10, type: "application/x-msdownload" }, limits)).toBe("upload.type_not_allowed");
  // An unknown type is left to the server, which sniffs the content.
  expect(fileProblem({ size: 10, type: "" }, limits)).toBeNull();
});
