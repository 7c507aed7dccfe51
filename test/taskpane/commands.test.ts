/** @jest-environment jsdom */
import { installFakeOffice, FakeWorkbook } from "../excel/fake-excel";
import { yearEndSheet } from "../excel/workbooks";

/** Office.context.ui as the ribbon command uses it: a dialog that stays open until someone closes it. */
function withDialogs(office: { context: Record<string, unknown> }) {
  const opened: { url: string; closed: boolean; handlers: Map<string, () => void> }[] = [];
  office.context.ui = {
    displayDialogAsync: (
      url: string,
      _opts: unknown,
      cb: (r: { status: string; value: unknown }) => void
    ) => {
      const d = { url, closed: false, handlers: new Map<string, () => void>() };
      opened.push(d);
      cb({
        status: "succeeded",
        value: {
          addEventHandler: (type: string, h: () => void) => d.handlers.set(type, h),
          close: () => (d.closed = true),
        },
      });
    },
  };
  (office as unknown as { EventType: Record<string, string> }).EventType = {
    DialogMessageReceived: "dialogMessageReceived",
    DialogEventReceived: "dialogEventReceived",
  };
  return opened;
}

test("the 一键评分 ribbon function is associated, scores the active sheet and completes the event before the notice is closed", async () => {
  const wb = FakeWorkbook.fromGrids([yearEndSheet({ n: 6 })]);
  const host = installFakeOffice(wb);
  const opened = withDialogs(
    (globalThis as unknown as { Office: { context: Record<string, unknown> } }).Office
  );
  await import("../../src/commands/commands");
  const fn = host.associated.get("scoreActiveSheet");
  expect(fn).toBeDefined();
  const order: string[] = [];
  const completed = jest.fn(() => order.push(`completed (${opened.length} dialogs open)`));
  await fn!({ completed });
  expect(wb.at("绩效目标表", "H5").value).toBe(25);
  // Completed once, as soon as the work was done: before the notice opened, and it is still open.
  expect(completed).toHaveBeenCalledTimes(1);
  expect(order).toEqual(["completed (0 dialogs open)"]);
  expect(opened).toHaveLength(1);
  expect(opened[0].closed).toBe(false);
  expect(decodeURIComponent(opened[0].url.split("#")[1])).toContain("评分完成");
  // Its OK closes it.
  opened[0].handlers.get("dialogMessageReceived")!();
  expect(opened[0].closed).toBe(true);
});
