import { afterEach, vi } from "vitest";

// An error logged during a test is a failure, even when the assertions pass.
const consoleError = vi.spyOn(console, "error");

afterEach(() => {
  const calls = consoleError.mock.calls;
  consoleError.mockClear();
  if (calls.length > 0) throw new Error(`console.error was called:\n${calls.map((call) => call.join(" ")).join("\n")}`);
});
