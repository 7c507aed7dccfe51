/**
 * ensureSheet: get a worksheet by name, creating it when missing (replaces office-js-helpers' helper).
 * When the caller already knows whether the sheet exists (from a read in the same run), no sync is spent;
 * otherwise one sync finds out, and nothing of the *OrNullObject result is loaded or used before it has
 * said whether the sheet is there.
 */
export async function ensureSheet(
  context: Excel.RequestContext,
  name: string,
  exists?: boolean
): Promise<{ sheet: Excel.Worksheet; created: boolean }> {
  const worksheets = context.workbook.worksheets;
  if (exists === undefined) {
    const probe = worksheets.getItemOrNullObject(name);
    await context.sync();
    if (!probe.isNullObject) return { sheet: probe, created: false };
    return { sheet: worksheets.add(name), created: true };
  }
  return exists
    ? { sheet: worksheets.getItem(name), created: false }
    : { sheet: worksheets.add(name), created: true };
}
