/**
 * @jest-environment jsdom
 *
 * The ribbon's callbacks (src/wps/ribbon.ts) on the fake WPS host: the buttons run the session's actions
 * and say the outcome; 撤销 is enabled once there is something to undo; 打开任务窗格 makes the pane once and
 * keeps its id in PluginStorage.
 */
import { SUMMARY_SHEET } from "../../src/core";
import { WpsApplication } from "../../src/wps/api";
import { PANE_ID_KEY, createRibbon } from "../../src/wps/ribbon";
import { yearEndSheet } from "../excel/workbooks";
import { FakeWps } from "./fake-wps";

function setup() {
  const wb = FakeWps.fromGrids([yearEndSheet({ n: 6 })]);
  const said: string[] = [];
  const ribbon = createRibbon({
    app: () => wb.application() as unknown as WpsApplication,
    say: (t) => said.push(t),
  });
  const invalidated: string[] = [];
  ribbon.OnAddinLoad({ InvalidateControl: (id) => invalidated.push(id) });
  return { wb, ribbon, said, invalidated };
}

test("一键评分 scores and says so; 撤销 is enabled after it and takes it back", async () => {
  const { wb, ribbon, said, invalidated } = setup();
  const before = wb.snapshot();
  expect(ribbon.GetEnabled({ Id: "btnUndo" })).toBe(false);
  await ribbon.OnAction({ Id: "btnScore" });
  expect(said[0]).toMatch(/^评分完成\n表格 1 张/);
  expect(wb.sheet(SUMMARY_SHEET)).toBeDefined();
  expect(invalidated).toContain("btnUndo");
  expect(ribbon.GetEnabled({ Id: "btnUndo" })).toBe(true);
  await ribbon.OnAction({ Id: "btnUndo" });
  expect(said[1]).toBe("已撤销");
  expect(wb.snapshot()).toBe(before);
  expect(ribbon.GetEnabled({ Id: "btnUndo" })).toBe(false);
});

test("a refusal is said in the pane's words (a protected sheet)", async () => {
  const { wb, ribbon, said } = setup();
  wb.sheets[0].protected = true;
  await ribbon.OnAction({ Id: "btnScore" });
  expect(said[0]).toMatch(/保护/);
});

test("打开任务窗格: one pane, made once, its id kept in PluginStorage", () => {
  const { wb, ribbon } = setup();
  ribbon.OnAction({ Id: "btnPane" });
  expect(wb.panes).toHaveLength(1);
  expect(wb.panes[0].url).toMatch(/\/taskpane\.html$/);
  expect(wb.panes[0].visible).toBe(true);
  expect(wb.storage.get(PANE_ID_KEY)).toBe("1");
  wb.panes[0].visible = false;
  ribbon.OnAction({ Id: "btnPane" });
  expect(wb.panes).toHaveLength(1);
  expect(wb.panes[0].visible).toBe(true);
});

test("校验, 准备年终自评 and 清除结果 run their actions", async () => {
  const { wb, ribbon, said } = setup();
  const before = wb.snapshot();
  await ribbon.OnAction({ Id: "btnValidate" });
  expect(said[0]).toMatch(/^校验完成/);
  expect(wb.snapshot()).toBe(before);
  await ribbon.OnAction({ Id: "btnScore" });
  await ribbon.OnAction({ Id: "btnClear" });
  expect(said[2]).toMatch(/^已清除/);
  await ribbon.OnAction({ Id: "btnPrepare" });
  expect(said[3]).toMatch(/^已准备年终自评|没有/);
});
