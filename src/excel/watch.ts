/**
 * Notices edits made to the sheets between the read and the write of one run, without reading them again.
 *
 * `worksheet.onChanged` (ExcelApi 1.7) handlers are queued on the sheets being read before the read's first
 * sync, so they are registered by the time their cells are loaded: any change after that (typing in this
 * Excel, or a co-author's change, source Local or Remote) raises the flag. Before queueing the write the
 * session lets pending notifications arrive (`settle`), then either reads again (flagged) or disarms the
 * watch, so that the notifications of its own write do not count. The handlers are removed in the write's
 * main request (or, on an error path, in a sync of their own).
 *
 * This is the fast path only: Excel promises no delivery time (a co-author's edit comes when the service
 * passes it on), so an edit whose notification comes late, or never, is not seen here. What guarantees
 * that no cell the user typed into is overwritten is the write's own check of the cells it overwrites
 * (apply.ts, session.ts).
 */

export class ChangeWatch {
  private handlers: OfficeExtension.EventHandlerResult<Excel.WorksheetChangedEventArgs>[] = [];
  private armed = true;
  /** Names of the sheets changed since the handlers were registered. */
  readonly changed = new Set<string>();

  /** Queues a handler on `sheet` (registered with the next sync). `name`: the sheet's, when known. */
  watch(sheet: Excel.Worksheet, name?: string): void {
    this.handlers.push(
      sheet.onChanged.add(async () => {
        if (!this.armed) return;
        let n = name ?? "?";
        try {
          n = name ?? sheet.name; // loaded by the read's first sync
        } catch {
          // not loaded: the change is still a change
        }
        this.changed.add(n);
      })
    );
  }

  /** True while handlers are registered (or queued). */
  get active(): boolean {
    return this.handlers.length > 0;
  }

  /** Lets notifications already on their way be delivered (they arrive as tasks, not microtasks). */
  settle(): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, 0));
  }

  /** From now on, changes (those of our own write) do not count. */
  disarm(): void {
    this.armed = false;
  }

  /** Drops handlers whose request failed before they were registered (nothing to remove in Excel). */
  forget(): void {
    this.handlers = [];
  }

  /** Queues the removal of every handler: carried out by the next sync of the context they were added on. */
  removeAll(): void {
    for (const h of this.handlers) h.remove();
    this.handlers = [];
    this.armed = false;
  }
}
