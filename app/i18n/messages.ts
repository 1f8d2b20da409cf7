import type { Lang } from "./lang";

// Vietnamese is the source of truth; English mirrors it key for key (the type enforces it).
const vi = {
  "site.name": "Phòng chống lao động trẻ em",

  "nav.skip": "Bỏ qua, đến nội dung chính",
  "nav.label": "Điều hướng chính",
  "nav.home": "Trang chủ",
  "nav.admin": "Quản trị",
  "nav.account": "Đổi mật khẩu",
  "nav.signedInAs": "Xin chào, {name}",
  "nav.signIn": "Đăng nhập",
  "nav.signUp": "Đăng ký",
  "nav.signOut": "Đăng xuất",

  "footer.helpLabel": "Đường dây nóng hỗ trợ",
  "footer.hotline": "Tổng đài quốc gia bảo vệ trẻ em:",
  "footer.hotlineNote": "(miễn phí, 24 giờ mỗi ngày, tất cả các ngày)",
  "footer.socialWork": "Trung tâm Công tác xã hội thành phố Hà Nội:",
  "footer.about":
    "Nền tảng tập huấn phòng ngừa, giảm thiểu lao động trẻ em cho cán bộ, giáo viên, doanh nghiệp, hợp tác xã và hộ gia đình.",

  "error.403.title": "Bạn không có quyền xem trang này",
  "error.403.body": "Trang này thuộc phạm vi quản lý khác. Nếu cần quyền truy cập, hãy liên hệ quản trị viên phường.",
  "error.404.title": "Không tìm thấy trang",
  "error.404.body": "Địa chỉ này không tồn tại hoặc đã bị xoá.",
  "error.500.title": "Đã có lỗi xảy ra",
  "error.500.body": "Hệ thống gặp sự cố. Xin vui lòng thử lại sau ít phút.",
  "error.home": "Về trang chủ",

  "form.required": "Vui lòng điền mục này.",
  "form.invalid": "Dữ liệu gửi lên không hợp lệ. Vui lòng thử lại.",
  "form.tooLong": "Nội dung quá dài.",
  "form.choose": "— Chọn —",
  "form.fullName": "Họ và tên",
  "form.fullName.short": "Vui lòng nhập đầy đủ họ và tên.",
  "form.phone": "Số điện thoại",
  "form.phoneHint": "Ví dụ: 0912 345 678",
  "form.phone.invalid": "Số điện thoại không hợp lệ. Hãy nhập số Việt Nam, ví dụ 0912 345 678.",
  "form.phone_taken": "Số điện thoại này đã được dùng cho một tài khoản khác.",
  "form.email": "Email",
  "form.emailOptional": "Email (không bắt buộc)",
  "form.email.invalid": "Địa chỉ email không hợp lệ.",
  "form.email_taken": "Email này đã được dùng cho một tài khoản khác.",
  "form.password": "Mật khẩu",
  "form.passwordHint": "Ít nhất 8 ký tự.",
  "form.password.short": "Mật khẩu phải có ít nhất 8 ký tự.",
  "form.ward": "Phường",
  "form.unknown_ward": "Vui lòng chọn một phường trong danh sách.",
  "form.targetGroup": "Bạn thuộc nhóm nào",
  "form.targetGroup.unknown": "Vui lòng chọn một nhóm trong danh sách.",

  "signIn.title": "Đăng nhập",
  "signIn.identifier": "Số điện thoại hoặc email",
  "signIn.identifierHint": "Nhập số điện thoại bạn đã đăng ký, ví dụ 0912 345 678.",
  "signIn.identifierInvalid": "Hãy nhập số điện thoại Việt Nam hoặc địa chỉ email.",
  "signIn.submit": "Đăng nhập",
  "signIn.failed": "Số điện thoại, email hoặc mật khẩu không đúng.",
  "signIn.tooManyAttempts": "Bạn đã thử quá nhiều lần. Vì an toàn, vui lòng đợi 15 phút rồi thử lại.",
  "signIn.firstTime": "Lần đầu đăng nhập bằng mã thiết lập do phường cấp?",
  "signIn.noAccount": "Chưa có tài khoản?",

  "signUp.title": "Đăng ký tài khoản",
  "signUp.intro": "Tài khoản giúp bạn học các bài tập huấn và lưu kết quả học tập.",
  "signUp.submit": "Tạo tài khoản",
  "signUp.haveAccount": "Đã có tài khoản?",

  "setup.title": "Thiết lập tài khoản",
  "setup.intro": "Nhập số điện thoại, mã thiết lập mà cán bộ phường đã đưa cho bạn, và chọn mật khẩu mới.",
  "setup.code": "Mã thiết lập",
  "setup.codeHint": "Gồm 8 ký tự, ví dụ K7MP2QXA.",
  "setup.codeInvalid": "Mã thiết lập không hợp lệ.",
  "setup.newPassword": "Mật khẩu mới",
  "setup.submit": "Lưu mật khẩu và đăng nhập",
  "setup.failed": "Số điện thoại hoặc mã thiết lập không đúng, hoặc mã đã hết hạn hay đã được dùng. Hãy xin cán bộ phường mã mới.",

  "password.title": "Đổi mật khẩu",
  "password.current": "Mật khẩu hiện tại",
  "password.currentWrong": "Mật khẩu hiện tại không đúng.",
  "password.new": "Mật khẩu mới",
  "password.submit": "Đổi mật khẩu",
  "password.changed": "Đã đổi mật khẩu. Các thiết bị khác đã được đăng xuất.",

  "role.learner": "Học viên",
  "role.ward_admin": "Quản trị viên phường",
  "role.district_admin": "Quản trị viên quận",

  "users.title": "Người dùng",
  "users.search": "Tìm theo tên hoặc số điện thoại",
  "users.searchPlaceholder": "Ví dụ: nguyen van a",
  "users.searchSubmit": "Tìm",
  "users.count": "{count} người",
  "users.none": "Không có người nào phù hợp.",
  "users.create": "Tạo tài khoản",
  "users.createIntro":
    "Người được tạo tài khoản sẽ nhận một mã thiết lập dùng một lần để tự đặt mật khẩu khi đăng nhập lần đầu.",
  "users.createSubmit": "Tạo tài khoản",
  "users.created": "Đã tạo tài khoản",
  "users.setupCode": "Mã thiết lập",
  "users.setupCodeNote":
    "Đưa mã này cho người dùng. Mã chỉ hiện một lần, dùng được một lần và hết hạn sau {days} ngày. Đăng nhập lần đầu tại trang «Thiết lập tài khoản».",
  "users.openCreated": "Xem tài khoản vừa tạo",
  "users.createAnother": "Tạo tài khoản khác",

  "user.title": "Tài khoản người dùng",
  "user.role": "Vai trò",
  "user.unit": "Đơn vị",
  "user.unitHint": "Học viên và quản trị viên phường thuộc một phường; quản trị viên quận thuộc quận.",
  "user.unitMismatch": "Đơn vị không phù hợp với vai trò: hãy chọn phường cho học viên và quản trị viên phường, chọn quận cho quản trị viên quận.",
  "user.account": "Trạng thái tài khoản",
  "user.accountActive": "Đã đặt mật khẩu",
  "user.accountPending": "Chưa thiết lập (chờ đăng nhập lần đầu bằng mã)",
  "user.reissueCode": "Cấp mã thiết lập mới",
  "user.changeRole": "Đổi vai trò hoặc đơn vị",
  "user.saveRole": "Lưu thay đổi",
  "user.saved": "Đã lưu thay đổi.",

  "pagination.label": "Phân trang",
  "pagination.previous": "← Trang trước",
  "pagination.next": "Trang sau →",
  "pagination.position": "Trang {page}/{pageCount}",

  "home.title": "Cùng phòng ngừa lao động trẻ em",
  "home.lead":
    "Các khoá học ngắn, dễ hiểu về quyền của trẻ em và quy định của pháp luật lao động, dành cho cán bộ, giáo viên, doanh nghiệp, hợp tác xã, hộ gia đình và các em. Học trên điện thoại, bất cứ lúc nào.",
  "home.start": "Đăng ký để bắt đầu học",
  "home.audiences": "Khoá học dành cho ai",
  "home.audience.officials.title": "Cán bộ quận, phường",
  "home.audience.officials.body":
    "Nắm vững khung pháp luật, nhận biết và chuyển tuyến các trường hợp, phối hợp bảo vệ trẻ em và kiểm tra, xử lý vi phạm.",
  "home.audience.teachers.title": "Giáo viên, cán bộ cơ sở chăm sóc trẻ em",
  "home.audience.teachers.body":
    "Nhận biết dấu hiệu trẻ phải lao động hoặc có nguy cơ bỏ học, biết cần làm gì, gọi cho ai và trao đổi với cha mẹ.",
  "home.audience.businesses.title": "Doanh nghiệp, hợp tác xã",
  "home.audience.businesses.body":
    "Hiểu quy định về tuổi lao động, giờ làm, công việc bị cấm với người dưới 18 tuổi, và được chứng nhận không sử dụng lao động trẻ em.",
  "home.audience.households.title": "Hộ gia đình, cha mẹ ở làng nghề",
  "home.audience.households.body":
    "Phân biệt việc phụ giúp gia đình với lao động trẻ em, giữ an toàn cho con trong xưởng nhà và biết nơi nhận hỗ trợ.",
  "home.audience.children.title": "Các em học sinh",
  "home.audience.children.body": "Biết quyền của mình, những việc các em không phải làm, và có thể kể với ai khi cần giúp đỡ.",
  "home.how": "Cách tham gia",
  "home.how.1": "Đăng ký bằng số điện thoại, hoặc dùng mã thiết lập do phường cấp.",
  "home.how.2": "Học từng bài ngắn và làm bài kiểm tra nhỏ sau mỗi bài.",
  "home.how.3": "Hoàn thành khoá học; kết quả được ghi nhận cho phường của bạn.",
};

export type MessageKey = keyof typeof vi;

const en: Record<MessageKey, string> = {
  "site.name": "Child Labour Prevention",

  "nav.skip": "Skip to main content",
  "nav.label": "Main navigation",
  "nav.home": "Home",
  "nav.admin": "Administration",
  "nav.account": "Change password",
  "nav.signedInAs": "Hello, {name}",
  "nav.signIn": "Sign in",
  "nav.signUp": "Sign up",
  "nav.signOut": "Sign out",

  "footer.helpLabel": "Help lines",
  "footer.hotline": "National child protection hotline:",
  "footer.hotlineNote": "(free, 24 hours a day, every day)",
  "footer.socialWork": "Hanoi Social Work Centre:",
  "footer.about":
    "A training platform to prevent and reduce child labour, for officials, teachers, businesses, cooperatives and households.",

  "error.403.title": "You may not view this page",
  "error.403.body": "This page belongs to another administrative scope. Ask your ward administrator if you need access.",
  "error.404.title": "Page not found",
  "error.404.body": "This address does not exist or has been removed.",
  "error.500.title": "Something went wrong",
  "error.500.body": "The system ran into a problem. Please try again in a few minutes.",
  "error.home": "Back to the home page",

  "form.required": "Please fill in this field.",
  "form.invalid": "The submitted data is not valid. Please try again.",
  "form.tooLong": "This is too long.",
  "form.choose": "— Choose —",
  "form.fullName": "Full name",
  "form.fullName.short": "Please enter your full name.",
  "form.phone": "Phone number",
  "form.phoneHint": "For example: 0912 345 678",
  "form.phone.invalid": "This phone number is not valid. Enter a Vietnamese number, for example 0912 345 678.",
  "form.phone_taken": "This phone number is already used by another account.",
  "form.email": "Email",
  "form.emailOptional": "Email (optional)",
  "form.email.invalid": "This email address is not valid.",
  "form.email_taken": "This email is already used by another account.",
  "form.password": "Password",
  "form.passwordHint": "At least 8 characters.",
  "form.password.short": "The password must have at least 8 characters.",
  "form.ward": "Ward",
  "form.unknown_ward": "Please choose a ward from the list.",
  "form.targetGroup": "Which group you belong to",
  "form.targetGroup.unknown": "Please choose a group from the list.",

  "signIn.title": "Sign in",
  "signIn.identifier": "Phone number or email",
  "signIn.identifierHint": "Enter the phone number you registered, for example 0912 345 678.",
  "signIn.identifierInvalid": "Enter a Vietnamese phone number or an email address.",
  "signIn.submit": "Sign in",
  "signIn.failed": "The phone number, email or password is not correct.",
  "signIn.tooManyAttempts": "Too many attempts. For your safety, please wait 15 minutes and try again.",
  "signIn.firstTime": "First sign-in with a set-up code from your ward?",
  "signIn.noAccount": "No account yet?",

  "signUp.title": "Create an account",
  "signUp.intro": "An account lets you take the training courses and keeps your results.",
  "signUp.submit": "Create account",
  "signUp.haveAccount": "Already have an account?",

  "setup.title": "Set up your account",
  "setup.intro": "Enter your phone number, the set-up code your ward official gave you, and choose a new password.",
  "setup.code": "Set-up code",
  "setup.codeHint": "8 characters, for example K7MP2QXA.",
  "setup.codeInvalid": "This set-up code is not valid.",
  "setup.newPassword": "New password",
  "setup.submit": "Save password and sign in",
  "setup.failed":
    "The phone number or set-up code is not correct, or the code has expired or been used. Ask your ward official for a new code.",

  "password.title": "Change password",
  "password.current": "Current password",
  "password.currentWrong": "The current password is not correct.",
  "password.new": "New password",
  "password.submit": "Change password",
  "password.changed": "Password changed. Your other devices have been signed out.",

  "role.learner": "Learner",
  "role.ward_admin": "Ward administrator",
  "role.district_admin": "District administrator",

  "users.title": "Users",
  "users.search": "Search by name or phone number",
  "users.searchPlaceholder": "For example: nguyen van a",
  "users.searchSubmit": "Search",
  "users.count": "{count} people",
  "users.none": "Nobody matches.",
  "users.create": "Create an account",
  "users.createIntro": "The new user receives a one-time set-up code to choose their own password at their first sign-in.",
  "users.createSubmit": "Create account",
  "users.created": "Account created",
  "users.setupCode": "Set-up code",
  "users.setupCodeNote":
    "Give this code to the user. It is shown once, works once and expires after {days} days. The first sign-in is on the «Set up your account» page.",
  "users.openCreated": "Open the new account",
  "users.createAnother": "Create another account",

  "user.title": "User account",
  "user.role": "Role",
  "user.unit": "Unit",
  "user.unitHint": "Learners and ward administrators belong to a ward; district administrators to the district.",
  "user.unitMismatch":
    "The unit does not fit the role: choose a ward for learners and ward administrators, the district for district administrators.",
  "user.account": "Account status",
  "user.accountActive": "Password set",
  "user.accountPending": "Not set up yet (waiting for the first sign-in with a code)",
  "user.reissueCode": "Issue a new set-up code",
  "user.changeRole": "Change role or unit",
  "user.saveRole": "Save changes",
  "user.saved": "Changes saved.",

  "pagination.label": "Pagination",
  "pagination.previous": "← Previous page",
  "pagination.next": "Next page →",
  "pagination.position": "Page {page} of {pageCount}",

  "home.title": "Together against child labour",
  "home.lead":
    "Short, plain courses on children's rights and labour law, for officials, teachers, businesses, cooperatives, households and children. Learn on your phone, at any time.",
  "home.start": "Sign up to start learning",
  "home.audiences": "Who the courses are for",
  "home.audience.officials.title": "District and ward officials",
  "home.audience.officials.body":
    "Know the legal framework, detect and refer cases, coordinate child protection, and inspect and sanction breaches.",
  "home.audience.teachers.title": "Teachers and child-care staff",
  "home.audience.teachers.body":
    "Recognise the signs of child labour and dropout risk, know what to do and whom to call, and talk with parents.",
  "home.audience.businesses.title": "Businesses and cooperatives",
  "home.audience.businesses.body":
    "Understand the rules on working age, hours and work prohibited under 18, and get certified as child-labour-free.",
  "home.audience.households.title": "Craft-village households and parents",
  "home.audience.households.body":
    "Tell helping at home from child labour, keep children safe in the family workshop, and know where to get support.",
  "home.audience.children.title": "Children and pupils",
  "home.audience.children.body": "Know your rights, the work you must not be made to do, and whom to tell when you need help.",
  "home.how": "How to take part",
  "home.how.1": "Sign up with your phone number, or use the set-up code from your ward.",
  "home.how.2": "Take one short lesson at a time, with a small quiz after each.",
  "home.how.3": "Complete the course; your result counts for your ward.",
};

const CATALOGUES: Record<Lang, Record<MessageKey, string>> = { vi, en };

export function isMessageKey(value: string): value is MessageKey {
  return Object.hasOwn(vi, value);
}

export function translate(lang: Lang, key: MessageKey, params?: Record<string, string | number>) {
  const template = CATALOGUES[lang][key];
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

export function roleKey(role: string): MessageKey {
  const key = `role.${role}`;
  return isMessageKey(key) ? key : "role.learner";
}
