import { FailureCode, ScorerError, asReadOnly, toScorerError } from "../../src/excel/errors";
import { failureText } from "../../src/taskpane/i18n";

/** An error as Office.js throws it (OfficeExtension.Error: code, message). */
const office = (code: string, message: string) => Object.assign(new Error(message), { code });

describe("toScorerError", () => {
  // Excel words its errors in its UI language and may reword them: only the code decides. The same
  // refusal in English, 简体, 繁體 and German must come out the same.
  const protectedSheet = [
    "The cell or chart you're trying to change is on a protected sheet. To make a change, unprotect the sheet.",
    "您试图更改的单元格或图表位于受保护的工作表中。若要进行更改，请取消工作表保护。",
    "您嘗試變更的儲存格或圖表位於受保護的工作表上。",
    "Die Zelle oder das Diagramm, die bzw. das Sie ändern möchten, befindet sich auf einem geschützten Blatt.",
  ];
  test.each(protectedSheet)(
    "AccessDenied is 'accessDenied' whatever its words, which stay in the details: %s",
    (message) => {
      const err = toScorerError(office("AccessDenied", message));
      expect(err.code).toBe("accessDenied");
      expect(err.params.detail).toBe(message);
    }
  );

  test.each<[string, unknown, FailureCode, string | undefined]>([
    [
      "a cell being edited",
      office("InvalidOperationInCellEditMode", "Excel is in cell-editing mode."),
      "editing",
      "Excel is in cell-editing mode.",
    ],
    ["a cell being edited, other name", office("EditModeCellEdit", "…"), "editing", "…"],
    [
      "a sheet gone",
      office("ItemNotFound", "The requested resource doesn't exist."),
      "notFound",
      "The requested resource doesn't exist.",
    ],
    [
      "an operation Excel cannot do",
      office("InvalidOperation", "Vorgang ungültig."),
      "invalidOperation",
      "Vorgang ungültig.",
    ],
    [
      "a request over the limit",
      office("RequestPayloadSizeLimitExceeded", "too big"),
      "tooLarge",
      "too big",
    ],
    ["a conflict with a co-author", office("Conflict", "冲突"), "busy", "冲突"],
    [
      "a message about a protection under another code is not a protection",
      office("InvalidArgument", "The workbook is protected."),
      "api",
      "InvalidArgument: The workbook is protected.",
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
      "any other Office error, with its code in the details",
      office("GeneralException", "Something went wrong."),
      "api",
      "GeneralException: Something went wrong.",
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

describe("the pane's words for a failure", () => {
  test("our sentence first, Excel's words only after it, as details", () => {
    const err = toScorerError(
      office("ItemNotFound", "Die angeforderte Ressource ist nicht vorhanden.")
    );
    const zh = failureText("zh", err.code, err.params);
    const en = failureText("en", err.code, err.params);
    expect(zh.startsWith("要写入的工作表在处理期间被删除或改名了")).toBe(true);
    expect(zh.endsWith("详情：Die angeforderte Ressource ist nicht vorhanden.")).toBe(true);
    expect(en.startsWith("A sheet to be written was deleted or renamed")).toBe(true);
    expect(en.endsWith("Details: Die angeforderte Ressource ist nicht vorhanden.")).toBe(true);
    expect(failureText("en", "noUndo")).toBe("Nothing to undo.");
  });
});

describe("asReadOnly", () => {
  const refused = office("AccessDenied", "You cannot perform the requested operation.");
  test.each<[string, unknown, boolean, FailureCode | "unchanged"]>([
    ["Excel's refusal in a workbook open read-only", refused, true, "readOnly"],
    ["the same refusal where the workbook is not read-only", refused, false, "unchanged"],
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
