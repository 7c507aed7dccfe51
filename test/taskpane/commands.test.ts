import { installFakeOffice, FakeWorkbook } from "../excel/fake-excel";
import { yearEndSheet } from "../excel/workbooks";

test("the 一键评分 ribbon function is associated, scores the active sheet and completes the event", async () => {
  const wb = FakeWorkbook.fromGrids([yearEndSheet({ n: 6 })]);
  const host = installFakeOffice(wb);
  await import("../../src/commands/commands");
  const fn = host.associated.get("scoreActiveSheet");
  expect(fn).toBeDefined();
  const completed = jest.fn();
  await fn!({ completed });
  expect(completed).toHaveBeenCalledTimes(1);
  expect(wb.at("绩效目标表", "H5").value).toBe(25);
});
