import { describe, expect, test } from "vitest";

import { readQuizForm } from "./quiz-form";

describe("reading a posted quiz form", () => {
  test("each question field becomes its chosen options, in the order sent; other fields are not answers", () => {
    const form = new FormData();
    form.append("q.nhieu-lua-chon", "b");
    form.append("q.nhieu-lua-chon", "a");
    form.append("q.dung-sai", "sai");
    form.append("intent", "submit");
    expect(readQuizForm(form)).toEqual({ "nhieu-lua-chon": ["b", "a"], "dung-sai": ["sai"] });
  });

  test("a file sent as an answer is an empty choice, which no question offers", () => {
    const form = new FormData();
    form.append("q.dung-sai", new Blob(["dung"]), "answer.txt");
    expect(readQuizForm(form)).toEqual({ "dung-sai": [""] });
  });
});
