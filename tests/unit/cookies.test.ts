import { execFileSync } from "node:child_process";

import { expect, test } from "vitest";

// The session cookie as a production server sends it, read in a process of its own: the
// attributes depend on NODE_ENV and COOKIE_SECURE at start-up.
function sessionCookieIn(env: NodeJS.ProcessEnv) {
  const script = `import { lucia } from "#app/utils/auth.server"; console.log(lucia.createBlankSessionCookie().serialize());`;
  const { COOKIE_SECURE: _unset, ...inherited } = process.env;
  return execFileSync("npx", ["tsx", "--eval", script], { env: { ...inherited, ...env }, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).trim();
}

test("the session cookie is httpOnly, SameSite=Lax and Secure in production", () => {
  const production = sessionCookieIn({ NODE_ENV: "production" });
  expect(production).toMatch(/; HttpOnly/i);
  expect(production).toMatch(/; SameSite=Lax/i);
  expect(production).toMatch(/; Secure/i);
  // Only a plain-HTTP office network says otherwise, explicitly.
  expect(sessionCookieIn({ NODE_ENV: "production", COOKIE_SECURE: "false" })).not.toMatch(/; Secure/i);
}, 60_000);
