import { FailureCode, ScorerError, asReadOnly, toScorerError } from "../../src/excel/errors";

/** An error as Office.js throws it (OfficeExtension.Error: code, message). */
const office = (code: string, message: string) => Object.assign(new Error(message), { code });

describe("toScorerError", () => {
  test.each<[string, unknown, FailureCode, string | undefined]>([
    [
      "a cell being edited",
      office("InvalidOperationInCellEditMode", "Excel is in cell-editing mode."),
      "editing",
      "Excel is in cell-editing mode.",
    ],
    [
      "AccessDenied on a protected sheet",
      office(
        "AccessDenied",
        "The cell or chart you're trying to change is on a protected sheet. To make a change, unprotect the sheet."
      ),
      "protected",
      undefined,
    ],
    [
      "AccessDenied on a protected sheet, desktop wording",
      office(
        "AccessDenied",
        "The cell or chart you're trying to change is protected and therefore read-only."
      ),
      "protected",
      undefined,
    ],
    [
      "AccessDenied on a protected sheet, in Chinese",
      office(
        "AccessDenied",
        "您试图更改的单元格或图表位于受保护的工作表中。若要进行更改，请取消工作表保护。"
      ),
      "protected",
      undefined,
    ],
    [
      "another code whose message is about a protection",
      office("InvalidOperation", "The workbook is protected."),
      "protected",
      undefined,
    ],
    ["a plain Error about a protection", new Error("Sheet is protected"), "protected", undefined],
    [
      "AccessDenied with no word of protection (a read-only workbook)",
      office("AccessDenied", "You cannot perform the requested operation."),
      "accessDenied",
      "You cannot perform the requested operation.",
    ],
    [
      "AccessDenied in Chinese, no word of protection",
      office("AccessDenied", "您无法执行请求的操作。"),
      "accessDenied",
      "您无法执行请求的操作。",
    ],
    [
      "a profile error",
      Object.assign(new Error("weights must sum to 100"), { name: "ProfileError" }),
      "profile",
      "weights must sum to 100",
    ],
    [
      "a bug in the engine",
      new TypeError("Cannot read properties of undefined (reading 'row')"),
      "engine",
      "Cannot read properties of undefined (reading 'row')",
    ],
    [
      "any other Office error, with its code",
      office("ItemNotFound", "The requested resource doesn't exist."),
      "api",
      "ItemNotFound: The requested resource doesn't exist.",
    ],
    ["a thrown string", "boom", "api", "boom"],
  ])("%s", (_what, thrown, code, detail) => {
    const err = toScorerError(thrown);
    expect(err).toBeInstanceOf(ScorerError);
    expect(err.code).toBe(code);
    if (detail !== undefined) expect(err.params.detail).toBe(detail);
  });

  test("a ScorerError passes through as it is", () => {
    const e = new ScorerError("readOnly");
    expect(toScorerError(e)).toBe(e);
  });
});

describe("asReadOnly", () => {
  const refused = office("AccessDenied", "You cannot perform the requested operation.");
  test.each<[string, unknown, boolean, FailureCode | "unchanged"]>([
    ["Excel's refusal in a workbook open read-only", refused, true, "readOnly"],
    ["the same refusal where the workbook is not read-only", refused, false, "unchanged"],
    [
      "a protected sheet in a read-only workbook stays a protected sheet",
      office("AccessDenied", "The cell or chart you're trying to change is on a protected sheet."),
      true,
      "unchanged",
    ],
    ["another error", office("ItemNotFound", "gone"), true, "unchanged"],
  ])("%s", (_what, thrown, readOnly, expected) => {
    const out = asReadOnly(thrown, readOnly);
    if (expected === "unchanged") expect(out).toBe(thrown);
    else {
      expect(out).toBeInstanceOf(ScorerError);
      expect((out as ScorerError).code).toBe(expected);
      expect((out as ScorerError).params.detail).toBe(
        "You cannot perform the requested operation."
      );
    }
  });
});
