import type { Lang } from "#app/i18n/lang";

/**
 * The notice's material version: raise it when what is kept, why, for how long or who sees it
 * changes, and everyone is asked to agree again at their next sign-in. Wording fixes keep it.
 */
export const PRIVACY_NOTICE_VERSION = "2026-12";

type Section = { heading: string; paragraphs: string[] };
export type NoticeFacts = { operator: string; contact: string; retentionYears: number };

// The law is named, never numbered: its number and guidance are not checked against the gazette
// yet (facts sheet v3, section 10, a secondary source).
const VI = (f: NoticeFacts): Section[] => [
  {
    heading: "Ai giữ dữ liệu của bạn",
    paragraphs: [`${f.operator} vận hành nền tảng này và chịu trách nhiệm về dữ liệu cá nhân trên nền tảng. Liên hệ: ${f.contact}.`],
  },
  {
    heading: "Chúng tôi giữ gì và để làm gì",
    paragraphs: [
      "Khi bạn tạo tài khoản: họ tên, số điện thoại, email (nếu bạn nhập), phường và nhóm đối tượng của bạn. Dùng để bạn đăng nhập, học và nhận chứng nhận.",
      "Khi bạn học: bài đã đọc, bài kiểm tra đã làm, điểm, khóa học đã hoàn thành. Dùng để ghi nhận việc học và để phường đếm số người đã được tập huấn.",
      "Danh sách đối tượng do phường nhập (họ tên, số điện thoại) được xử lý để phường thực hiện nhiệm vụ của mình, không cần sự đồng ý. Bạn xem được trên trang tài khoản phường nào ghi tên bạn, cho chương trình nào.",
      "Trẻ em học mà không cần tài khoản. Chúng tôi không lưu tên, số điện thoại hay bài làm của trẻ, chỉ đếm số lượt tự kiểm tra của mỗi bài. Trẻ em được đếm, không bị lập hồ sơ.",
    ],
  },
  {
    heading: "Giữ trong bao lâu",
    paragraphs: [
      `Tài khoản được giữ cho đến khi bạn xóa. Người đã rời danh sách của phường được xóa khỏi danh sách sau ${f.retentionYears} năm. Tài khoản do phường tạo mà không bao giờ được kích hoạt bị xóa khi mã thiết lập hết hạn quá lâu.`,
    ],
  },
  {
    heading: "Ai được xem",
    paragraphs: [
      "Cán bộ quản trị của phường bạn và quản trị viên thành phố. Trong danh sách, số điện thoại được che một phần. Mỗi lần xuất danh sách có dữ liệu cá nhân đều được ghi nhật ký. Chúng tôi không bán hay chia sẻ dữ liệu cho bên khác.",
    ],
  },
  {
    heading: "Quyền của bạn",
    paragraphs: [
      "Theo Luật Bảo vệ dữ liệu cá nhân 2025, bạn có quyền biết, xem, tải về, sửa và xóa dữ liệu của mình. Vào trang «Dữ liệu của tôi» trong tài khoản để tải về (JSON hoặc CSV), sửa họ tên hoặc xóa tài khoản. Xóa tài khoản không thể hoàn tác: tên và số điện thoại bị xóa, các buổi học vẫn được đếm nhưng không còn gắn với bạn.",
      "Với trẻ em, cha mẹ hoặc người giám hộ thay mặt trẻ thực hiện các quyền này. Công bố, tiết lộ đời sống riêng tư của trẻ từ đủ 7 tuổi cần sự đồng ý của trẻ và của người đại diện.",
    ],
  },
];

const EN = (f: NoticeFacts): Section[] => [
  { heading: "Who keeps your data", paragraphs: [`${f.operator} operates this platform and is responsible for the personal data on it. Contact: ${f.contact}.`] },
  {
    heading: "What we keep and why",
    paragraphs: [
      "When you create an account: your full name, phone number, email (if you give one), ward and target group. Used so that you can sign in, learn and receive certificates.",
      "When you learn: lessons read, quizzes taken, scores, courses completed. Used to record your learning and so that your ward can count the people trained.",
      "Rosters imported by a ward (names, phone numbers) are processed for the ward's public task and need no consent. Your account page shows which ward lists you, and for which programme.",
      "Children learn without an account. We keep no child's name, phone or answers, only a count of self-checks per lesson. Children are counted, not profiled.",
    ],
  },
  {
    heading: "How long we keep it",
    paragraphs: [
      `Your account is kept until you delete it. People who left a ward's roster are removed from it after ${f.retentionYears} years. Accounts a ward created that were never activated are removed when their set-up code has long expired.`,
    ],
  },
  {
    heading: "Who can see it",
    paragraphs: [
      "The administrators of your ward and the city's administrators. Lists show phone numbers partly hidden. Every export of a list with personal data is recorded. We do not sell or share data with anyone else.",
    ],
  },
  {
    heading: "Your rights",
    paragraphs: [
      "Under the Law on Personal Data Protection 2025 you may know, see, download, correct and delete your data. On «My data» in your account you can download it (JSON or CSV), correct your name or delete your account. Deleting cannot be undone: your name and phone are erased, and your training still counts without being tied to you.",
      "For children, a parent or guardian exercises these rights on their behalf. Disclosing the private life of a child aged 7 or more needs the consent of the child and of their representative.",
    ],
  },
];

export function privacyNotice(lang: Lang, facts: NoticeFacts): Section[] {
  return lang === "en" ? EN(facts) : VI(facts);
}
