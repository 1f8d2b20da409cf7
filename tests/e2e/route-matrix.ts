import { ROLES, type Role, type World } from "./world";

// The permission matrix: every route of app/routes, for every role, answers as this table says.
// A route file without a line here fails the first test, so a new route cannot ship unreviewed.
/** 200 page or file; "sign-in" a redirect to the sign-in page; "redirect" any other redirect; 403 or 404 a refusal. */
export type Expected = 200 | "sign-in" | "redirect" | 403 | 404;
export type Row = { method?: "GET" | "POST"; url: (world: World) => string; expect: Record<Role, Expected> };

const everyone = (expected: Expected): Record<Role, Expected> => Object.fromEntries(ROLES.map((role) => [role, expected])) as Record<Role, Expected>;
const signedIn = (expected: Expected): Record<Role, Expected> => ({ ...everyone(expected), anonymous: "sign-in" });
/** Admin pages: learners refused, both ward admins and the district admin see their own scope. */
const adminPage: Record<Role, Expected> = { ...signedIn(200), learner: 403, otherOrganisation: 403 };
/** Something of ward A: its admin and the district admin; to the other ward's admin it does not exist. */
const wardAOnly: Record<Role, Expected> = { ...adminPage, otherWardAdmin: 404 };

export const MATRIX: Record<string, Row> = {
  "_index.tsx": { url: () => "/", expect: everyone(200) },
  // Signed-in people are sent on from the sign-in and sign-up pages.
  "dang-nhap.tsx": { url: () => "/dang-nhap", expect: { ...everyone("redirect"), anonymous: 200 } },
  "dang-ky.tsx": { url: () => "/dang-ky", expect: { ...everyone("redirect"), anonymous: 200 } },
  "thiet-lap.tsx": { url: () => "/thiet-lap", expect: everyone(200) },
  "healthz.tsx": { url: () => "/healthz", expect: everyone(200) },
  "readyz.tsx": { url: () => "/readyz", expect: everyone(200) },
  "dang-xuat.tsx": { method: "POST", url: () => "/dang-xuat", expect: everyone("redirect") },
  "ngon-ngu.tsx": { method: "POST", url: () => "/ngon-ngu", expect: everyone("redirect") },
  "tai-khoan._index.tsx": { url: () => "/tai-khoan", expect: signedIn(200) },
  "tai-khoan.mat-khau.tsx": { url: () => "/tai-khoan/mat-khau", expect: signedIn(200) },
  "tai-khoan.chung-nhan.tsx": { url: () => "/tai-khoan/chung-nhan", expect: signedIn(200) },
  "tai-khoan.so-dien-thoai.tsx": { url: () => "/tai-khoan/so-dien-thoai", expect: signedIn(200) },
  "tai-khoan.dong-y.tsx": { url: () => "/tai-khoan/dong-y", expect: signedIn(200) },
  "tai-khoan.du-lieu._index.tsx": { url: () => "/tai-khoan/du-lieu", expect: signedIn(200) },
  "tai-khoan.du-lieu.$format.tsx": { url: () => "/tai-khoan/du-lieu/json", expect: signedIn(200) },
  "quyen-rieng-tu.tsx": { url: () => "/quyen-rieng-tu", expect: everyone(200) },
  "tu-kiem-tra.$course.$module.tsx": { url: (w) => `/tu-kiem-tra/${w.openModule}`, expect: everyone(200) },
  "khoa-hoc._index.tsx": { url: () => "/khoa-hoc", expect: signedIn(200) },
  "khoa-hoc.$course._index.tsx": { url: (w) => `/khoa-hoc/${w.course}`, expect: signedIn(200) },
  "khoa-hoc.$course.phien-ban.tsx": { url: (w) => `/khoa-hoc/${w.course}/phien-ban`, expect: signedIn(200) },
  "khoa-hoc.$course.$module.tsx": { url: (w) => `/khoa-hoc/${w.course}/${w.module}`, expect: signedIn(200) },
  // Tells anyone signed in what is left before the certificate; the PDF comes only after completion.
  "khoa-hoc.$course.chung-nhan.tsx": { url: (w) => `/khoa-hoc/${w.course}/chung-nhan`, expect: signedIn(200) },
  "kiem-tra.$attemptId/route.tsx": { url: (w) => `/kiem-tra/${w.attemptId}`, expect: { ...signedIn(404), learner: 200 } },
  "noi-dung.$course.media.$file.tsx": { url: (w) => w.mediaUrl, expect: signedIn(200) },
  "manifest[.]webmanifest.tsx": { url: () => "/manifest.webmanifest", expect: everyone(200) },
  "ngoai-tuyen.tsx": { url: () => "/ngoai-tuyen", expect: everyone(200) },
  // The download's size and version; its POST starts the learner's own quiz attempts only.
  "khoa-hoc.$course.tai-ve.tsx": { url: (w) => `/khoa-hoc/${w.course}/tai-ve`, expect: signedIn(200) },
  "co-so._index/route.tsx": { url: () => "/co-so", expect: signedIn(200) },
  // Members of an organisation reach its self-assessment and pledge; anyone else is sent to /co-so.
  "co-so.danh-gia/route.tsx": { url: () => "/co-so/danh-gia", expect: { ...signedIn("redirect"), learner: 200, otherOrganisation: 200 } },
  "co-so.cam-ket.tsx": { url: () => "/co-so/cam-ket", expect: { ...signedIn("redirect"), learner: 200, otherOrganisation: 200 } },
  "co-so.on-tap.tsx": { url: () => "/co-so/on-tap", expect: signedIn(200) },
  "xac-minh._index.tsx": { url: () => "/xac-minh", expect: everyone(200) },
  "xac-minh.$code.tsx": { url: (w) => `/xac-minh/${w.certificateCode}`, expect: everyone(200) },
  "chung-nhan._index.tsx": { url: () => "/chung-nhan", expect: everyone(200) },
  "chung-nhan.$code.pdf.tsx": {
    url: (w) => `/chung-nhan/${w.certificateCode}/pdf`,
    expect: { ...wardAOnly, learner: 200, otherOrganisation: 404 },
  },
  "quan-tri._index.tsx": { url: () => "/quan-tri", expect: adminPage },
  "quan-tri.nguoi-dung._index.tsx": { url: () => "/quan-tri/nguoi-dung", expect: adminPage },
  "quan-tri.nguoi-dung.moi.tsx": { url: () => "/quan-tri/nguoi-dung/moi", expect: adminPage },
  "quan-tri.nguoi-dung.$userId.tsx": { url: (w) => `/quan-tri/nguoi-dung/${w.learnerId}`, expect: wardAOnly },
  "quan-tri.nhat-ky.tsx": { url: () => "/quan-tri/nhat-ky", expect: { ...adminPage, wardAdmin: 403, otherWardAdmin: 403 } },
  "quan-tri.bao-cao._index.tsx": { url: () => "/quan-tri/bao-cao", expect: adminPage },
  "quan-tri.bao-cao.xuat.tsx": { url: () => "/quan-tri/bao-cao/xuat", expect: adminPage },
  "quan-tri.bao-cao.$ward.tsx": { url: (w) => `/quan-tri/bao-cao/${w.wardCode}`, expect: wardAOnly },
  "quan-tri.bao-cao.chi-tieu.$indicator.tsx": { url: () => "/quan-tri/bao-cao/chi-tieu/T-COOP-HH", expect: adminPage },
  "quan-tri.bao-cao.chi-tieu.$indicator.xuat.tsx": { url: () => "/quan-tri/bao-cao/chi-tieu/T-COOP-HH/xuat", expect: adminPage },
  "quan-tri.danh-sach._index.tsx": { url: () => "/quan-tri/danh-sach", expect: adminPage },
  "quan-tri.danh-sach.mau.tsx": { url: () => "/quan-tri/danh-sach/mau", expect: adminPage },
  "quan-tri.danh-sach.xuat.tsx": { url: () => "/quan-tri/danh-sach/xuat", expect: adminPage },
  "quan-tri.danh-sach.tai-khoan.tsx": { url: () => "/quan-tri/danh-sach/tai-khoan", expect: adminPage },
  // An import job of ward A: its admin and the district admin; to the other ward's admin it does not exist.
  "quan-tri.danh-sach.nhap.$jobId/route.tsx": { url: (w) => `/quan-tri/danh-sach/nhap/${w.importJobId}`, expect: wardAOnly },
  "quan-tri.danh-sach.nhap.$jobId.tien-do.tsx": { url: (w) => `/quan-tri/danh-sach/nhap/${w.importJobId}/tien-do`, expect: wardAOnly },
  // Each admin sees the split former wards whose successors lie in their scope, and the pairs of their own scope.
  "quan-tri.danh-sach.chuyen-phuong.tsx": { url: () => "/quan-tri/danh-sach/chuyen-phuong", expect: adminPage },
  "quan-tri.danh-sach.trung.tsx": { url: () => "/quan-tri/danh-sach/trung", expect: adminPage },
  // An action only: opened by address it sends everyone back to the roster.
  "quan-tri.danh-sach.roi-di.tsx": { url: () => "/quan-tri/danh-sach/roi-di", expect: everyone("redirect") },
  "quan-tri.buoi-hoc._index.tsx": { url: () => "/quan-tri/buoi-hoc", expect: adminPage },
  "quan-tri.buoi-hoc.moi.tsx": { url: () => "/quan-tri/buoi-hoc/moi", expect: adminPage },
  "quan-tri.buoi-hoc.xuat.tsx": { url: () => "/quan-tri/buoi-hoc/xuat", expect: adminPage },
  "quan-tri.buoi-hoc.$trainingSessionId.tsx": { url: (w) => `/quan-tri/buoi-hoc/${w.trainingSessionId}`, expect: wardAOnly },
  "quan-tri.buoi-hoc.$trainingSessionId_.sua.tsx": { url: (w) => `/quan-tri/buoi-hoc/${w.trainingSessionId}/sua`, expect: wardAOnly },
  "quan-tri.buoi-hoc.$trainingSessionId_.giay-moi.tsx": { url: (w) => `/quan-tri/buoi-hoc/${w.trainingSessionId}/giay-moi`, expect: wardAOnly },
  // The reply link of an invitation: whoever holds it answers, signed in or not.
  "tra-loi.$token.tsx": { url: (w) => `/tra-loi/${w.replyToken}`, expect: everyone(200) },
  // The opt-out link every message ends with: whoever holds it stops the messages, signed in or not.
  "tu-choi.$token.tsx": { url: (w) => `/tu-choi/${w.optOutToken}`, expect: everyone(200) },
  // A gateway's forwarded replies: only with the gateway's secret (SMS_REPLY_TOKEN), never a session.
  "api.sms-reply.tsx": { method: "POST", url: () => "/api/sms-reply", expect: everyone(403) },
  // The outbox: each admin sees the messages about their scope's wards.
  "quan-tri.tin-nhan.tsx": { url: () => "/quan-tri/tin-nhan", expect: adminPage },
  "quan-tri.chung-nhan._index.tsx": { url: () => "/quan-tri/chung-nhan", expect: adminPage },
  "quan-tri.chung-nhan.$applicationId/route.tsx": { url: (w) => `/quan-tri/chung-nhan/${w.applicationId}`, expect: wardAOnly },
  "quan-tri.bao-cao-ky._index.tsx": { url: () => "/quan-tri/bao-cao-ky", expect: adminPage },
  "quan-tri.bao-cao-ky.$period._index.tsx": { url: () => "/quan-tri/bao-cao-ky/2026-6T", expect: adminPage },
  // Ward A's frozen half-year report (frozen when the world is made): its admin and the city's, not ward B's.
  "quan-tri.bao-cao-ky.$period.$unit._index.tsx": { url: (w) => `/quan-tri/bao-cao-ky/2026-6T/${w.wardCode}`, expect: wardAOnly },
  "quan-tri.bao-cao-ky.$period.$unit.pdf.tsx": { url: (w) => `/quan-tri/bao-cao-ky/2026-6T/${w.wardCode}/pdf`, expect: wardAOnly },
  "quan-tri.bao-cao-ky.$period.$unit.xlsx.tsx": { url: (w) => `/quan-tri/bao-cao-ky/2026-6T/${w.wardCode}/xlsx`, expect: wardAOnly },
};

/** The roles this row lets open its address as a page or file (a 200), in the order of ROLES. */
export function rolesAllowed(row: Row): Role[] {
  return ROLES.filter((role) => row.expect[role] === 200);
}
