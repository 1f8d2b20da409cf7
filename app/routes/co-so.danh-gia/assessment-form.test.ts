import { expect, test } from "vitest";

import { readAssessmentForm } from "./assessment-form";

test("the form is read from a.<question> fields only", () => {
  const formData = new FormData();
  formData.set("a.hours-15-18", "yes");
  formData.set("intent", "check");
  expect(readAssessmentForm(formData)).toEqual({ "hours-15-18": "yes" });
});
