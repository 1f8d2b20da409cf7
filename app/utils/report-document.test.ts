import { expect, test } from "vitest";

import { administrativeDate, reportDocument, type ReportDocumentInput } from "./report-document";

const INPUT: ReportDocumentInput = {
  unit: { name: "Hà Đông", level: "ward", parentName: "Thành phố Hà Nội" },
  consolidated: false,
  report: { code: "2026-6T", kind: "half-year", endDay: "2026-06-30" },
  planPeriod: { code: "2026-2030", targetsNote: "Mục tiêu giai đoạn 2026-2030 là giả định: kế hoạch không đặt chỉ tiêu tập huấn, truyền thông riêng cho giai đoạn này." },
  frozenAt: new Date("2026-07-05T10:00:00+07:00"),
  version: 1,
  reopened: false,
  figures: [
    {
      code: "T-COOP-HH",
      label: "Hợp tác xã và hộ gia đình được tập huấn",
      population: 3,
      reached: 1,
      rate: 33.3,
      target: 70,
      gap: 2,
      status: "behind",
      declared: false,
      headcount: 0,
    },
  ],
  activities: { trainingSessions: 1, communicationSessions: 0, peopleReached: 1, certified: 0 },
  adjustments: [],
};

test("dates are written as Decree 30 asks: a leading zero for days under 10 and for January and February only", () => {
  expect(administrativeDate(new Date("2026-07-05T10:00:00+07:00"))).toBe("ngày 05 tháng 7 năm 2026");
  expect(administrativeDate(new Date("2027-02-15T10:00:00+07:00"))).toBe("ngày 15 tháng 02 năm 2027");
  // 31/12 at 20:00 UTC is already 1 January in Hà Nội.
  expect(administrativeDate(new Date("2026-12-31T20:00:00Z"))).toBe("ngày 01 tháng 01 năm 2027");
});

test("a ward's report is issued by its People's Committee, dated at the ward, and says when its targets are carried over", () => {
  const document = reportDocument(INPUT);
  expect(document.issuer).toEqual(["ỦY BAN NHÂN DÂN", "PHƯỜNG HÀ ĐÔNG"]);
  expect(document.placeAndDate).toBe("Hà Đông, ngày 05 tháng 7 năm 2026");
  expect(document.subject).toBe("Kết quả thực hiện Kế hoạch phòng ngừa, giảm thiểu lao động trẻ em 6 tháng đầu năm 2026");
  expect(document.figureRows[0]).toEqual(["1", "T-COOP-HH Hợp tác xã và hộ gia đình được tập huấn", "3", "1", "33,3", "70", "2", "Chậm", ""]);
  // The spreadsheet keeps the figures as numbers.
  expect(document.data.figures[0]).toEqual([1, "T-COOP-HH Hợp tác xã và hộ gia đình được tập huấn", 3, 1, 33.3, 70, 2, "Chậm", ""]);
  expect(document.targetsNote).toMatch(/^Ghi chú: Mục tiêu giai đoạn 2026-2030 là giả định/);
  expect(document.recipients.lines).toEqual(["- UBND Thành phố Hà Nội;", "- Lưu: VT."]);
  expect(reportDocument({ ...INPUT, planPeriod: { code: "2021-2025", targetsNote: null } }).targetsNote).toBeNull();
  const city = reportDocument({ ...INPUT, unit: { name: "Thành phố Hà Nội", level: "city", parentName: null }, consolidated: true });
  expect(city.issuer).toEqual(["ỦY BAN NHÂN DÂN", "THÀNH PHỐ HÀ NỘI"]);
  expect(city.placeAndDate).toBe("Hà Nội, ngày 05 tháng 7 năm 2026");
});
