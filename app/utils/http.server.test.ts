import { describe, expect, test } from "vitest";

import { badRequest, forbidden, invariantResponse, methodNotAllowed, notFound } from "./http.server";

describe("refusals", () => {
  test("each answers its status with a short bilingual plain-text body", async () => {
    for (const [response, status] of [
      [badRequest(), 400],
      [forbidden(), 403],
      [notFound(), 404],
      [methodNotAllowed("GET, POST"), 405],
    ] as const) {
      expect(response.status).toBe(status);
      expect(response.headers.get("Content-Type")).toBe("text/plain; charset=utf-8");
      expect(await response.text()).toMatch(/^[^/]+\. \/ [^/]+\.$/);
    }
    expect(methodNotAllowed("GET, POST").headers.get("Allow")).toBe("GET, POST");
    expect(notFound({ headers: { "Cache-Control": "no-store" } }).headers.get("Cache-Control")).toBe("no-store");
  });

  test("invariantResponse passes a truthy condition and throws the refusal for a falsy one", () => {
    expect(() => invariantResponse("yes", 404)).not.toThrow();
    for (const status of [400, 403, 404] as const) {
      let thrown: unknown;
      try {
        invariantResponse(null, status);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(Response);
      expect((thrown as Response).status).toBe(status);
    }
    const custom = new Response("Gone", { status: 410 });
    expect(() => invariantResponse(0, custom)).toThrow(custom);
  });
});
