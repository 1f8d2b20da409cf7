// The printed report of a frozen snapshot, laid out as a Vietnamese administrative document
// (Nghị định 30/2020/NĐ-CP, Phụ lục I: issuing body, national title and motto, number and symbol,
// place and date, title, body, signature block, recipients). One description, drawn by the HTML
// page (app/components/administrative-report.tsx) and by the PDF (report-pdf.server.ts). The
// document itself is always in Vietnamese: it is what the ward signs and sends.

import { isoDay } from "./dates";
import { formatDecimal, formatNumber } from "./numbers";

type ReportFigureLine = {
  code: string;
  label: string;
  population: number;
  reached: number;
  rate: number;
  target: number;
  gap: number;
  status: "met" | "on_track" | "behind" | "no_population";
  declared: boolean;
  headcount: number;
};

export type ReportDocumentInput = {
  unit: { name: string; level: string; parentName: string | null };
  consolidated: boolean;
  report: { code: string; kind: "half-year" | "year"; endDay: string };
  /** The programme's note when the plan period's targets are assumed (content/programme.yml). */
  planPeriod: { code: string; targetsNote: string | null };
  frozenAt: Date;
  version: number;
  reopened: boolean;
  figures: ReportFigureLine[];
  activities: { trainingSessions: number; communicationSessions: number; peopleReached: number; certified: number };
  adjustments: { indicator: string; who: string; what: string; datedOn: string; change: number; ward?: string }[];
};

const LEVEL_WORDS: Record<string, string> = { ward: "Phường", commune: "Xã", district: "Quận", city: "Thành phố", province: "Tỉnh" };

/** "Phường Hà Đông" from a ward named "Hà Đông" or "Phường Hà Đông". */
function unitTitle(unit: { name: string; level: string }) {
  const word = LEVEL_WORDS[unit.level];
  if (!word || unit.name.toLowerCase().startsWith(word.toLowerCase())) return unit.name;
  return `${word} ${unit.name}`;
}

/** The place name of the date line: the unit's name without its level word. */
function placeName(unit: { name: string; level: string }) {
  const word = LEVEL_WORDS[unit.level];
  return word && unit.name.toLowerCase().startsWith(`${word.toLowerCase()} `) ? unit.name.slice(word.length + 1) : unit.name;
}

/** Decree 30 writes days under 10 and the months 1 and 2 with a leading zero: "ngày 05 tháng 02 năm 2026", "ngày 15 tháng 7 năm 2026". */
export function administrativeDate(date: Date) {
  const [year, month, day] = isoDay(date).split("-") as [string, string, string];
  const monthNumber = Number(month);
  return `ngày ${day} tháng ${monthNumber <= 2 ? month : String(monthNumber)} năm ${year}`;
}

const STATUS_TEXT = { met: "Đạt", on_track: "Đúng tiến độ", behind: "Chậm", no_population: "Chưa có danh sách" } as const;
const WHAT_TEXT: Record<string, string> = {
  online: "Hoàn thành khoá học trực tuyến",
  "in-person": "Tham dự buổi tập huấn, truyền thông",
  headcount: "Số người được đếm, không ghi tên",
  left: "Đã rời đi trước ngày chốt",
};

const day = (iso: string) => {
  const [year, month, date] = iso.split("-");
  return `${date}/${month}/${year}`;
};

const FIGURE_HEADER = ["STT", "Chỉ tiêu", "Số đối tượng", "Đã đạt", "Tỷ lệ (%)", "Mục tiêu (%)", "Còn thiếu", "Đánh giá", "Ghi chú"];
export const ACTIVITY_HEADER = ["Hoạt động trong kỳ", "Số lượng"];
const ADJUSTMENT_HEADER = ["STT", "Chỉ tiêu", "Đối tượng", "Nội dung", "Ngày của số liệu", "Tăng/giảm"];

type Cell = string | number;

/** The document is Vietnamese whatever the page's language: 1.234 and 33,3. */
const formatCell = (cell: Cell) => (typeof cell === "number" ? formatDecimal(cell) : cell);
const formatRow = (row: Cell[]) => row.map(formatCell);

export function reportDocument(input: ReportDocumentInput) {
  const title = unitTitle(input.unit);
  const periodWords = input.report.kind === "half-year" ? `6 tháng đầu năm ${input.report.endDay.slice(0, 4)}` : `năm ${input.report.endDay.slice(0, 4)}`;
  const endDay = day(input.report.endDay);
  const withAdjustments = input.consolidated ? [...ADJUSTMENT_HEADER.slice(0, 2), "Phường", ...ADJUSTMENT_HEADER.slice(2)] : ADJUSTMENT_HEADER;
  const figureData = input.figures.map((figure, index): Cell[] => [
    index + 1,
    `${figure.code} ${figure.label}`,
    figure.population,
    figure.reached,
    figure.rate,
    figure.target,
    figure.gap,
    STATUS_TEXT[figure.status],
    [figure.declared ? "Số đối tượng khai báo" : "", figure.headcount > 0 ? `Gồm ${formatNumber(figure.headcount)} người đếm không ghi tên` : ""].filter(Boolean).join("; "),
  ]);
  const activityData: Cell[][] = [
    ["Buổi tập huấn đã tổ chức", input.activities.trainingSessions],
    ["Buổi truyền thông đã tổ chức", input.activities.communicationSessions],
    ["Lượt người tham dự (kể cả số đếm không ghi tên)", input.activities.peopleReached],
    ["Cơ sở được cấp chứng nhận không sử dụng lao động trẻ em", input.activities.certified],
  ];
  const adjustmentData = input.adjustments.map((adjustment, index): Cell[] => [
    index + 1,
    adjustment.indicator,
    ...(input.consolidated ? [adjustment.ward ?? ""] : []),
    adjustment.who,
    WHAT_TEXT[adjustment.what] ?? adjustment.what,
    adjustment.datedOn ? day(isoDayOf(adjustment.datedOn)) : "",
    adjustment.change,
  ]);
  return {
    issuer: ["ỦY BAN NHÂN DÂN", title.toUpperCase()],
    number: "Số: …/BC-UBND",
    nation: "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    motto: "Độc lập - Tự do - Hạnh phúc",
    placeAndDate: `${placeName(input.unit)}, ${administrativeDate(input.frozenAt)}`,
    title: "BÁO CÁO",
    subject: `Kết quả thực hiện Kế hoạch phòng ngừa, giảm thiểu lao động trẻ em ${periodWords}`,
    basis: `Số liệu tính đến hết ngày ${endDay}, cộng dồn từ đầu giai đoạn ${input.planPeriod.code}, theo đơn vị hành chính tại ngày ${endDay}${
      input.consolidated ? ", tổng hợp từ số liệu đã chốt của các phường" : ""
    }. Số liệu chốt lúc ${administrativeDate(input.frozenAt)}, phiên bản ${input.version}${input.reopened ? " (đã được mở lại để điều chỉnh)" : ""}.`,
    sections: {
      figures: "I. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU",
      activities: "II. HOẠT ĐỘNG TRONG KỲ",
      adjustments: "III. ĐIỀU CHỈNH KỲ TRƯỚC",
    },
    figureHeader: FIGURE_HEADER,
    figureRows: figureData.map(formatRow),
    activityRows: activityData.map(formatRow),
    adjustmentHeader: withAdjustments,
    adjustmentRows: adjustmentData.map((row) =>
      row.map((cell, index) => (index === row.length - 1 && typeof cell === "number" && cell > 0 ? `+${formatNumber(cell)}` : formatCell(cell))),
    ),
    /** The same tables with their figures as numbers, for a spreadsheet to compute with */
    data: { figures: figureData, activities: activityData, adjustments: adjustmentData },
    noAdjustments: "Không có số liệu của kỳ trước được nhập sau ngày chốt.",
    adjustmentsIntro: "Số liệu của kỳ trước được nhập hoặc thay đổi sau khi kỳ đó đã chốt; đã được tính trong số liệu của kỳ này.",
    targetsNote: input.planPeriod.targetsNote ? `Ghi chú: ${input.planPeriod.targetsNote}` : null,
    signature: { on: "TM. ỦY BAN NHÂN DÂN", role: "CHỦ TỊCH", hint: "(Ký, ghi rõ họ tên, đóng dấu)" },
    recipients: {
      label: "Nơi nhận:",
      lines: [...(input.unit.parentName ? [`- UBND ${input.unit.parentName};`] : []), "- Lưu: VT."],
    },
  };
}

export type ReportDocument = ReturnType<typeof reportDocument>;

function isoDayOf(iso: string) {
  return isoDay(new Date(iso));
}
