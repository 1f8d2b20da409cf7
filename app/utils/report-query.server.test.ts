import { expect, test } from "vitest";

import { readReportRequest, refuseDayOutsidePlan, refusedDayMessage } from "./report-query.server";

test("a units' date outside the plan is refused with the dates that are valid, in both languages", async () => {
  const query = readReportRequest(new Request("http://localhost/quan-tri/bao-cao?don-vi=2019-05-01"));
  expect(query.refusedDay).toBe("2019-05-01");
  expect(refusedDayMessage("vi", query.refusedDay)).toBe("Ngày 1/5/2019 nằm ngoài các giai đoạn của kế hoạch. Chọn một ngày từ 1/1/2021 đến 31/12/2030.");
  expect(refusedDayMessage("en", query.refusedDay)).toBe("1/5/2019 is outside the plan's periods. Choose a date from 1/1/2021 to 31/12/2030.");
  // A file asked for such a date is answered 400 with the same words.
  const refusal = (() => {
    try {
      refuseDayOutsidePlan(query.refusedDay);
    } catch (response) {
      return response as Response;
    }
  })();
  expect(refusal?.status).toBe(400);
  expect(await refusal?.text()).toContain("Chọn một ngày từ 1/1/2021 đến 31/12/2030.");
  expect(refusedDayMessage("vi", readReportRequest(new Request("http://localhost/quan-tri/bao-cao?don-vi=2024-06-01")).refusedDay)).toBeNull();
});
