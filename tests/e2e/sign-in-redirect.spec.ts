import { request as playwrightRequest } from "@playwright/test";

import { createLearner, DEMO_PASSWORD, expect, giveDemoPassword, test } from "./fixtures";

// After signing in, the browser goes where `redirectTo` says, but only to a page of this site:
// the sign-in link of a phishing message must not hand the signed-in person to another site.

async function signInWith(baseURL: string, phone: string, redirectTo: string) {
  const client = await playwrightRequest.newContext({ baseURL, maxRedirects: 0, extraHTTPHeaders: { origin: baseURL } });
  const response = await client.post(`/dang-nhap?redirectTo=${encodeURIComponent(redirectTo)}`, {
    form: { identifier: phone, password: DEMO_PASSWORD, redirectTo },
  });
  const answer = { status: response.status(), location: response.headers()["location"] ?? null };
  await client.dispose();
  return answer;
}

test("signing in goes on to the page asked for on this site, never to another site", async ({ baseURL }) => {
  const phone = await createLearner("Người Thử Chuyển Hướng");
  await giveDemoPassword(phone);

  expect(await signInWith(baseURL!, phone, "/khoa-hoc?trang=2")).toEqual({ status: 302, location: "/khoa-hoc?trang=2" });
  for (const offSite of ["//evil.example", "/\\evil.example", "https://evil.example/"]) {
    const answer = await signInWith(baseURL!, phone, offSite);
    expect(answer, JSON.stringify(offSite)).toEqual({ status: 302, location: "/" });
  }
  // Browsers drop a tab or a line break inside a URL, so "/\t/evil.example" would lead to
  // //evil.example; no page of this site writes one, so the request is refused outright.
  expect(await signInWith(baseURL!, phone, "/\t/evil.example")).toEqual({ status: 400, location: null });
});
