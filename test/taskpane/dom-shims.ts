/** What jsdom lacks and Fluent UI v9 uses (MessageBar observes its size). */
class ResizeObserverShim {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
}
const w = globalThis as unknown as { ResizeObserver?: unknown };
w.ResizeObserver ??= ResizeObserverShim;
export {};
