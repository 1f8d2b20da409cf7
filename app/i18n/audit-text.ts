import { formatDate, formatTime } from "#app/utils/dates";
import { formatNumber } from "#app/utils/numbers";

import type { Lang } from "./lang";

// The audit log reads as sentences (issue 18): one per action, naming who did it, to whom or what,
// and when in Hà Nội; the details under it as labelled fields. Every action written by the code
// has its sentence here (audit-text.test.ts finds them in app/ and checks).
const SENTENCES_VI = {
  "report.freeze": "{actor} chốt số liệu báo cáo kỳ {period} của {target}, {time}",
  "report.reopen": "{actor} mở lại báo cáo kỳ {period} của {target}, {time}",
  "report.consolidate": "{actor} chốt báo cáo tổng hợp kỳ {period} của {target}, {time}",
  "user.create": "{actor} tạo tài khoản cho {target}, {time}",
  "user.create-from-roster": "{actor} tạo tài khoản hàng loạt từ danh sách của {target}, {time}",
  "user.reissue-setup-code": "{actor} cấp mã thiết lập mới cho {target}, {time}",
  "user.confirm-phone": "{actor} xác nhận số điện thoại của {target}, {time}",
  "user.update": "{actor} đổi vai trò hoặc đơn vị của {target}, {time}",
  "user.rename": "{actor} sửa họ tên của mình, {time}",
  "user.erase": "{actor} xóa tài khoản của mình, {time}",
  "personal-data.download": "{actor} tải về dữ liệu cá nhân của mình, {time}",
  "personal-data.export": "{actor} xuất {target}, {time}",
  "roster.import": "{actor} nhập danh sách cho {target}, {time}",
  "roster.add": "{actor} thêm {target} vào danh sách tại buổi học, {time}",
  "roster.mark-left": "{actor} đánh dấu {target} đã rời đi, {time}",
  "roster.undo-left": "{actor} hoàn tác việc đánh dấu {target} đã rời đi, {time}",
  "roster.merge": "{actor} gộp một mục trùng vào {target}, {time}",
  "roster.rehome": "{actor} chuyển {target} sang phường khác, {time}",
  "roster.contact": "{actor} ghi nhận việc liên hệ với {target}, {time}",
  "training-session.create": "{actor} ghi nhận {target}, {time}",
  "training-session.update": "{actor} sửa {target}, {time}",
  "training-session.delete": "{actor} xóa {target}, {time}",
  "training-session.attend": "{actor} điểm danh tại {target}, {time}",
  "training-session.remove-attendee": "{actor} bỏ điểm danh một người tại {target}, {time}",
  "training-session.ask-confirmation": "{actor} ghi một người tham dự {target}, chờ người đó tự xác nhận, {time}",
  "training-session.confirm": "{actor} tự xác nhận đã tham dự {target}, {time}",
  "training-session.invite": "{actor} mời người tham dự {target}, {time}",
  "headcount.declare": "{actor} khai báo số đối tượng của {target}, {time}",
  "certification.approve": "{actor} duyệt hồ sơ chứng nhận của {target} và cấp giấy chứng nhận, {time}",
  "certification.reject": "{actor} không duyệt hồ sơ chứng nhận của {target}, {time}",
  "certification.request-changes": "{actor} đề nghị {target} bổ sung hồ sơ chứng nhận, {time}",
  "certification.inspect": "{actor} ghi nhận kiểm tra thực tế tại {target}, {time}",
  "certificate.revoke": "{actor} thu hồi giấy chứng nhận của {target}, {time}",
};

type Action = keyof typeof SENTENCES_VI;

const SENTENCES_EN: Record<Action, string> = {
  "report.freeze": "{actor} froze the {period} report of {target}, {time}",
  "report.reopen": "{actor} reopened the {period} report of {target}, {time}",
  "report.consolidate": "{actor} froze the consolidated {period} report of {target}, {time}",
  "user.create": "{actor} created an account for {target}, {time}",
  "user.create-from-roster": "{actor} created accounts in bulk from the roster of {target}, {time}",
  "user.reissue-setup-code": "{actor} issued a new set-up code to {target}, {time}",
  "user.confirm-phone": "{actor} confirmed the phone number of {target}, {time}",
  "user.update": "{actor} changed the role or unit of {target}, {time}",
  "user.rename": "{actor} corrected their own name, {time}",
  "user.erase": "{actor} deleted their own account, {time}",
  "personal-data.download": "{actor} downloaded their personal data, {time}",
  "personal-data.export": "{actor} exported {target}, {time}",
  "roster.import": "{actor} imported a roster for {target}, {time}",
  "roster.add": "{actor} added {target} to the roster at a session, {time}",
  "roster.mark-left": "{actor} marked {target} as left, {time}",
  "roster.undo-left": "{actor} undid marking {target} as left, {time}",
  "roster.merge": "{actor} merged a duplicate into {target}, {time}",
  "roster.rehome": "{actor} moved {target} to another ward, {time}",
  "roster.contact": "{actor} recorded a contact with {target}, {time}",
  "training-session.create": "{actor} recorded {target}, {time}",
  "training-session.update": "{actor} edited {target}, {time}",
  "training-session.delete": "{actor} deleted {target}, {time}",
  "training-session.attend": "{actor} marked attendance at {target}, {time}",
  "training-session.remove-attendee": "{actor} removed an attendee from {target}, {time}",
  "training-session.ask-confirmation": "{actor} recorded an attendee of {target}, waiting for that person to confirm, {time}",
  "training-session.confirm": "{actor} confirmed attending {target}, {time}",
  "training-session.invite": "{actor} invited people to {target}, {time}",
  "headcount.declare": "{actor} declared a headcount for {target}, {time}",
  "certification.approve": "{actor} approved the certification of {target} and issued its certificate, {time}",
  "certification.reject": "{actor} rejected the certification of {target}, {time}",
  "certification.request-changes": "{actor} asked {target} for changes to its certification, {time}",
  "certification.inspect": "{actor} recorded an inspection visit at {target}, {time}",
  "certificate.revoke": "{actor} revoked the certificate of {target}, {time}",
};

const WORDS = {
  vi: {
    session: "buổi học ngày {date} tại {place}",
    sessionNoPlace: "một buổi học đã xóa",
    roster: "danh sách đối tượng",
    notReached: "danh sách chưa đạt chỉ tiêu {code}",
    unknownTarget: "(không còn trong hệ thống)",
    unknownActor: "(Người dùng đã xóa tài khoản)",
    unknownAction: "{actor}: {action}, {time}",
    none: "(trống)",
    yes: "Có",
    no: "Không",
  },
  en: {
    session: "the session of {date} at {place}",
    sessionNoPlace: "a deleted session",
    roster: "the roster",
    notReached: "the list not reached by {code}",
    unknownTarget: "(no longer in the system)",
    unknownActor: "(A user whose account was deleted)",
    unknownAction: "{actor}: {action}, {time}",
    none: "(empty)",
    yes: "Yes",
    no: "No",
  },
};

// Detail keys a reader needs, by label; ids of records with no readable name (a confirmation, an
// inspection, an import job) and what the sentence already says are left out.
const FIELDS_VI = {
  version: "Phiên bản",
  reason: "Lý do",
  wards: "Số phường",
  unitId: "Đơn vị",
  ward: "Phường",
  from: "Từ",
  to: "Sang",
  targetGroup: "Nhóm đối tượng",
  headcountGroup: "Nhóm của số người đếm",
  fileName: "Tệp",
  created: "Số mục tạo mới",
  updated: "Số mục cập nhật",
  matched: "Số mục khớp tài khoản",
  leftAt: "Ngày rời đi",
  mergedId: "Mục trùng đã gộp",
  rosterEntryId: "Người",
  name: "Người",
  heldOn: "Ngày",
  place: "Địa điểm",
  kind: "Hình thức",
  courseSlugs: "Khóa học",
  trainer: "Người hướng dẫn",
  headcount: "Số người đếm không ghi tên",
  attendees: "Số người tham dự",
  period: "Kỳ",
  count: "Số đối tượng",
  issuedAt: "Ngày cấp",
  expiresAt: "Hiệu lực đến",
  visitedOn: "Ngày kiểm tra",
  inspector: "Người kiểm tra",
  message: "Nội dung",
  alsoRevoked: "Số giấy chứng nhận thu hồi kèm theo",
  format: "Định dạng",
  rows: "Số dòng",
  q: "Tìm kiếm",
  unitsOn: "Đơn vị hành chính tại ngày",
  role: "Vai trò",
  happenedAt: "Ngày liên hệ",
  invited: "Số người được mời",
  startTime: "Giờ bắt đầu",
  bySms: "Gửi qua SMS",
  other: "Thông tin khác",
};

type Field = keyof typeof FIELDS_VI;

const FIELDS_EN: Record<Field, string> = {
  version: "Version",
  reason: "Reason",
  wards: "Wards",
  unitId: "Unit",
  ward: "Ward",
  from: "From",
  to: "To",
  targetGroup: "Target group",
  headcountGroup: "Group of the people counted",
  fileName: "File",
  created: "Entries created",
  updated: "Entries updated",
  matched: "Entries matched to accounts",
  leftAt: "Left on",
  mergedId: "Duplicate merged",
  rosterEntryId: "Person",
  name: "Person",
  heldOn: "Date",
  place: "Place",
  kind: "Kind",
  courseSlugs: "Courses",
  trainer: "Trainer",
  headcount: "People counted without names",
  attendees: "Attendees",
  period: "Period",
  count: "Headcount",
  issuedAt: "Issued on",
  expiresAt: "Valid until",
  visitedOn: "Visited on",
  inspector: "Inspector",
  message: "Message",
  alsoRevoked: "Certificates revoked with it",
  format: "Format",
  rows: "Rows",
  q: "Search",
  unitsOn: "Administrative units as on",
  role: "Role",
  happenedAt: "Contacted on",
  invited: "People invited",
  startTime: "Start time",
  bySms: "Sent by SMS",
  other: "Other",
};

const HIDDEN = new Set(["confirmationId", "inspectionId", "certificateId", "job", "sessionId", "scope", "reportPeriod", "unit"]);
const DATES = new Set(["happenedAt", "leftAt", "heldOn", "issuedAt", "expiresAt", "visitedOn", "unitsOn"]);
const NAMED = new Set(["unitId", "ward", "from", "to", "mergedId", "rosterEntryId"]);
const CATALOGUES = { vi: { sentences: SENTENCES_VI as Record<Action, string>, fields: FIELDS_VI as Record<Field, string> }, en: { sentences: SENTENCES_EN, fields: FIELDS_EN } };

/** Every action that has a sentence, for the test that holds the code to them. */
export const AUDIT_ACTIONS = Object.keys(SENTENCES_VI) as Action[];

export function hasAuditSentence(lang: Lang, action: string) {
  return Object.hasOwn(CATALOGUES[lang].sentences, action);
}

export type AuditLineInput = {
  action: string;
  createdAt: Date;
  actor: string | null;
  target: { name: string | null; heldOn?: Date | null; place?: string | null };
  details: Record<string, unknown>;
  names: Record<string, string>;
};

/** How the page names codes found in details: target groups, courses, roles, session kinds. */
export type AuditVocabulary = { groups: Record<string, string>; courses: Record<string, string>; roles: Record<string, string>; kinds: Record<string, string> };

/** "Lê Văn Phường đánh dấu Nguyễn Thị Hoa đã rời đi, 02/12/2026 14:05", and the details as labelled fields. */
export function auditLine(lang: Lang, entry: AuditLineInput, vocabulary: AuditVocabulary) {
  const words = WORDS[lang];
  const fill = (template: string, params: Record<string, string>) => template.replace(/\{(\w+)\}/g, (whole, name: string) => params[name] ?? whole);
  const params = {
    actor: entry.actor || words.unknownActor,
    target: targetText(lang, entry),
    period: typeof entry.details.reportPeriod === "string" ? entry.details.reportPeriod : "",
    time: `${formatDate(entry.createdAt)} ${formatTime(entry.createdAt)}`,
    action: entry.action,
  };
  const template = hasAuditSentence(lang, entry.action) ? CATALOGUES[lang].sentences[entry.action as Action] : words.unknownAction;
  return { sentence: fill(template, params), fields: detailFields(lang, entry, vocabulary) };
}

function targetText(lang: Lang, entry: AuditLineInput) {
  const words = WORDS[lang];
  const { name, heldOn, place } = entry.target;
  if (heldOn !== undefined) return heldOn && place ? words.session.replace("{date}", formatDate(heldOn)).replace("{place}", place) : words.sessionNoPlace;
  if (name === "roster") return words.roster;
  if (name?.startsWith("not-reached:")) return words.notReached.replace("{code}", name.slice("not-reached:".length));
  return name || words.unknownTarget;
}

function detailFields(lang: Lang, entry: AuditLineInput, vocabulary: AuditVocabulary) {
  const labels = CATALOGUES[lang].fields;
  const value = (key: string, raw: unknown): string => {
    if (raw === null || raw === undefined || raw === "") return WORDS[lang].none;
    if (Array.isArray(raw)) return key === "alsoRevoked" ? formatNumber(raw.length, lang) : raw.map((item) => value(key, item)).join(", ");
    if (typeof raw === "number") return formatNumber(raw, lang);
    if (typeof raw === "boolean") return raw ? WORDS[lang].yes : WORDS[lang].no;
    if (typeof raw !== "string") return String(raw);
    if (DATES.has(key)) return formatDate(raw);
    if (NAMED.has(key)) return entry.names[raw] ?? raw;
    if (key === "targetGroup" || key === "headcountGroup") return vocabulary.groups[raw] ?? raw;
    if (key === "courseSlugs") return vocabulary.courses[raw] ?? raw;
    if (key === "role") return vocabulary.roles[raw] ?? raw;
    if (key === "kind") return vocabulary.kinds[raw] ?? raw;
    if (key === "format") return raw.toUpperCase();
    return raw;
  };
  const label = (key: string) => (Object.hasOwn(labels, key) ? labels[key as Field] : labels.other);
  const fields: { label: string; value: string }[] = [];
  const add = (key: string, raw: unknown) => {
    if (HIDDEN.has(key) || (key === "alsoRevoked" && Array.isArray(raw) && raw.length === 0)) return;
    // The person is already named by `name` when both are kept.
    if (key === "rosterEntryId" && "name" in entry.details) return;
    if (key === "rosterEntryId" && typeof raw === "string" && !entry.names[raw]) return;
    fields.push({ label: label(key), value: value(key, raw) });
  };
  const { before, after, from, to, filter, ...rest } = entry.details;
  // A change is shown as "old → new" for each field it changed.
  for (const [oldKey, old, newKey, changed] of [
    ["before", before, "after", after],
    ["from", from, "to", to],
  ] as const) {
    if (isRecord(changed)) {
      for (const [key, next] of Object.entries(changed)) {
        if (HIDDEN.has(key)) continue;
        const previous = isRecord(old) ? old[key] : undefined;
        fields.push({ label: label(key), value: `${value(key, previous)} → ${value(key, next)}` });
      }
    } else {
      if (old !== undefined) add(oldKey, old);
      if (changed !== undefined) add(newKey, changed);
    }
  }
  if (isRecord(filter)) for (const [key, raw] of Object.entries(filter)) if (raw !== null && raw !== "") add(key, raw);
  for (const [key, raw] of Object.entries(rest)) add(key, raw);
  return fields;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
