// Refusal texts in Vietnamese, one per code the API sends (apps/api/src/common/error-codes.ts, the DTO
// rules' names, libs/domain/src/refusal-codes.ts). `err.<code>@<field>` words a code for one field.
// A unit test fails when a code has no text here or in errors.en.js.
export default {
  'err.generic': 'Có lỗi xảy ra. Vui lòng thử lại.',
  'err.generic.field': 'Giá trị chưa hợp lệ.',

  // Rules of the request forms (class-validator and the project's own).
  'err.isNotEmpty': 'Vui lòng nhập thông tin này.',
  'err.isNotEmpty@categoryCode': 'Vui lòng chọn lĩnh vực.',
  'err.isString': 'Vui lòng nhập nội dung dạng văn bản.',
  'err.maxLength': 'Tối đa {max} ký tự.',
  'err.minLength': 'Cần ít nhất {min} ký tự.',
  'err.max': 'Giá trị không được lớn hơn {max}.',
  'err.min': 'Giá trị không được nhỏ hơn {min}.',
  'err.isInt': 'Vui lòng nhập một số nguyên.',
  'err.isIn': 'Vui lòng chọn một giá trị trong danh sách.',
  'err.isUuid': 'Vui lòng chọn một mục trong danh sách.',
  'err.isUuid@localityUnitId': 'Vui lòng chọn xã hoặc huyện.',
  'err.isArray': 'Vui lòng gửi một danh sách.',
  'err.arrayMaxSize': 'Tối đa {max} mục.',
  'err.arrayUnique': 'Mỗi mục chỉ được có một lần.',
  'err.isEmail': 'Vui lòng nhập địa chỉ email hợp lệ.',
  'err.isBoolean': 'Vui lòng chọn có hoặc không.',
  'err.isDateString': 'Vui lòng nhập ngày theo dạng ngày/tháng/năm.',
  'err.isUrl': 'Vui lòng nhập đường dẫn bắt đầu bằng http:// hoặc https://.',
  'err.matches': 'Giá trị không đúng định dạng.',
  'err.matches@username':
    'Tên đăng nhập gồm 3–50 chữ cái không dấu, chữ số, dấu chấm, gạch ngang hoặc gạch dưới.',
  'err.matches@outcome': 'Vui lòng chọn kết quả xử lý.',
  'err.isNotEmpty@outcome': 'Vui lòng chọn kết quả xử lý.',
  'err.matches@code': 'Mã gồm 2–50 chữ thường không dấu, chữ số hoặc gạch ngang.',
  'err.matches@at': 'Vui lòng nhập giờ theo dạng HH:MM.',
  'err.nestedValidation': 'Nội dung của mục này chưa hợp lệ.',
  'err.whitelistValidation': 'Trường này không được phép gửi.',
  'err.unknownValue': 'Nội dung gửi lên không đúng dạng.',
  'err.inCalendarYears': 'Ngày phải nằm trong các năm {first}–{last}.',
  'err.budgetYearFitsPlanDate':
    'Năm ngân sách phải là năm của ngày hoàn thành theo kế hoạch hoặc năm liền trước (chuyển nguồn).',
  'err.vndAmount': 'Vui lòng nhập số tiền bằng chữ số, ví dụ 1.500.000.000.',
  'err.vndAmountDecimal': 'Số tiền phải là số nguyên đồng, không có phần thập phân.',
  'err.vndAmountAmbiguous':
    'Dấu phẩy trong tiếng Việt là dấu thập phân: hãy viết 1.500 hoặc 1500 cho một nghìn năm trăm.',
  'err.vndAmountTooLarge': 'Số tiền quá lớn (phải nhỏ hơn 10 triệu tỷ đồng).',

  // The request as a whole.
  'err.validation.failed': 'Vui lòng sửa các trường được đánh dấu.',
  'err.request.body-too-large': 'Nội dung gửi lên quá lớn.',
  'err.request.body-not-json': 'Nội dung gửi lên không đọc được.',
  'err.request.body-too-deep': 'Nội dung gửi lên lồng nhau quá nhiều cấp.',
  'err.request.body-not-utf8': 'Nội dung gửi lên phải mã hóa UTF-8.',
  'err.request.body-unreadable': 'Nội dung gửi lên không đọc được.',
  'err.text.nul-character': 'Nội dung chứa ký tự không hợp lệ (NUL).',
  'err.text.lone-surrogate': 'Nội dung chứa ký tự không hợp lệ.',

  // Signing in and access.
  'err.auth.sign-in-required': 'Vui lòng đăng nhập.',
  'err.auth.token-expired': 'Phiên làm việc đã hết hạn. Vui lòng đăng nhập lại.',
  'err.auth.token-revoked': 'Phiên làm việc đã kết thúc. Vui lòng đăng nhập lại.',
  'err.auth.wrong-credentials': 'Sai tên đăng nhập hoặc mật khẩu.',
  'err.auth.address-throttled': 'Quá nhiều lần đăng nhập sai từ địa chỉ này. Vui lòng thử lại sau.',
  'err.auth.account-locked': 'Tài khoản này tạm khóa vì đăng nhập sai nhiều lần. Vui lòng thử lại sau.',
  'err.auth.account-inactive': 'Tài khoản này đã bị khóa.',
  'err.auth.no-session': 'Trình duyệt này chưa đăng nhập. Vui lòng đăng nhập.',
  'err.auth.session-reused': 'Phiên đăng nhập đã bị dùng hai lần nên đã kết thúc. Vui lòng đăng nhập lại.',
  'err.auth.session-ended': 'Phiên đăng nhập đã kết thúc. Vui lòng đăng nhập lại.',
  'err.auth.role-not-allowed': 'Vai trò của bạn không được dùng chức năng này.',
  'err.auth.no-access-rule': 'Chức năng này chưa được cấp quyền cho ai.',
  'err.auth.metrics-token-required': 'Cần mã truy cập số liệu giám sát.',
  'err.auth.metrics-local-only': 'Số liệu giám sát chỉ xem được trên máy chủ.',
  'err.report.own-unit-only': 'Lãnh đạo đơn vị chỉ xem được báo cáo của đơn vị mình.',
  'err.dashboard.own-unit-only': 'Cán bộ đơn vị chỉ xem được số liệu của đơn vị mình.',

  // Something named that does not exist.
  'err.recommendation.not-found': 'Không tìm thấy kiến nghị này, hoặc bạn không có quyền xem.',
  'err.user.not-found': 'Không tìm thấy tài khoản này.',
  'err.unit.not-found': 'Không tìm thấy đơn vị này.',
  'err.routing-rule.not-found': 'Không tìm thấy quy tắc phân công này.',
  'err.sla-policy.not-found': 'Không tìm thấy chính sách thời hạn này.',
  'err.notification.not-found': 'Không tìm thấy thông báo này.',
  'err.calendar-override.not-found': 'Không có điều chỉnh lịch vào ngày này.',
  'err.assignment.not-found': 'Không tìm thấy phân công này.',

  // References that do not fit.
  'err.reference.unknown-unit': 'Đơn vị không tồn tại.',
  'err.reference.unknown-category': 'Lĩnh vực không tồn tại.',
  'err.reference.unknown-outcome': 'Kết quả xử lý không tồn tại.',
  'err.reference.unknown-sla-policy': 'Chính sách thời hạn không tồn tại.',
  'err.reference.unknown-district': 'Huyện không tồn tại.',
  'err.reference.unit-cannot-lead': 'Đơn vị này không thể chủ trì giải quyết kiến nghị.',
  'err.reference.locality-kind': 'Địa bàn phải là xã hoặc huyện.',
  'err.reference.followed-unit-kind': 'Địa bàn theo dõi phải là xã hoặc huyện.',
  'err.reference.unit-required': 'Vai trò này phải thuộc một đơn vị.',
  'err.reference.unknown-user': 'Người dùng không tồn tại.',
  'err.reference.own-parent': 'Đơn vị không thể trực thuộc chính nó.',
  'err.reference.unit-ended': 'Đơn vị này đã chấm dứt hoạt động sau ngày {validTo}.{successor}',
  'err.reference.unit-not-begun': 'Đơn vị này chỉ bắt đầu hoạt động từ ngày {validFrom}.',
  'err.reference.successor-self': 'Đơn vị không thể kế thừa chính nó.',
  'err.reference.successor-cycle': 'Đơn vị kế thừa này dẫn ngược về chính đơn vị.',
  'err.reference.successor-not-in-force': 'Đơn vị kế thừa phải đang hoạt động vào ngày sau ngày kết thúc.',
  'err.reference.successor-without-end': 'Hãy nhập ngày kết thúc trước khi chọn đơn vị kế thừa.',
  'err.duplicate.original-not-found': 'Không tìm thấy kiến nghị gốc này trong các kiến nghị bạn được xem.',
  'err.duplicate.original-is-itself': 'Kiến nghị không thể trùng với chính nó: hãy chọn kiến nghị khác.',
  'err.duplicate.original-is-duplicate':
    'Kiến nghị này cũng là bản trùng, đã gộp vào kiến nghị {reference}: hãy chọn kiến nghị {reference}.',
  'err.duplicate.original-closed':
    'Kiến nghị này đã kết thúc hẳn (hết thời hạn mở lại), không còn ai theo dõi: hãy chọn kiến nghị khác.',
  'err.idempotency.key-reused': 'Kiến nghị này đã được gửi với nội dung khác. Vui lòng tải lại trang.',
  'err.idempotency.key-format': 'Yêu cầu gửi đi không hợp lệ. Vui lòng tải lại trang.',
  'err.user.username-taken': 'Tên đăng nhập này đã có người dùng.',
  'err.user.last-admin':
    'Đây là quản trị viên cuối cùng còn hoạt động: hãy tạo một quản trị viên khác trước.',
  'err.code.taken': 'Mã này đã được dùng.',
  'err.assignment.overlap':
    'Cán bộ đã được phân công địa bàn này trong một số ngày của khoảng thời gian này.',
  'err.assignment.not-a-cadre': 'Chỉ cán bộ cơ sở đang hoạt động mới được phân công địa bàn.',
  'err.assignment.not-assigned': 'Cán bộ này không được phân công địa bàn này vào ngày bắt đầu.',
  'err.assignment.handover-in-future':
    'Chuyển giao địa bàn có hiệu lực từ hôm nay trở về trước: hãy ghi nhận vào ngày bắt đầu.',

  // Ranges and dates.
  'err.range.end-before-start': 'Ngày kết thúc không được trước ngày bắt đầu.',
  'err.range.too-long': 'Khoảng thời gian quá dài.',
  'err.range.validity-end-before-start': 'Ngày hết hiệu lực phải sau ngày bắt đầu hiệu lực.',
  'err.range.move-before-unit': 'Ngày chuyển không được trước ngày đơn vị bắt đầu hoạt động.',
  'err.range.move-in-future': 'Ngày chuyển phải là hôm nay hoặc một ngày đã qua.',
  'err.reorganization.not-found': 'Không tìm thấy quyết định sắp xếp này.',
  'err.response-template.not-found': 'Không tìm thấy mẫu trả lời này.',
  'err.response-template.name-taken': 'Đã có mẫu trả lời mang tên này.',
  'err.range.effective-before-decision': 'Ngày có hiệu lực không được trước ngày ban hành.',
  'err.reorganization.lifecycle-unit':
    'Không thể kết thúc Văn phòng Tỉnh ủy hay Ban Thường vụ bằng quyết định sắp xếp: mọi kiến nghị đều gắn với các đơn vị này.',
  'err.reorganization.unit-twice': 'Mỗi đơn vị chỉ được nêu một lần.',
  'err.reorganization.successor-ends': 'Đơn vị kế thừa cũng bị kết thúc theo quyết định này.',
  'err.reorganization.successor-kind':
    'Đơn vị kế thừa không cùng loại: xã kế thừa xã, đơn vị khác kế thừa đơn vị không phải xã.',
  'err.reorganization.commune-only': 'Tệp sáp nhập chỉ gồm mã xã (cả mã cũ và mã mới).',
  'err.reorganization.csv-empty': 'Hãy gửi tệp CSV: mỗi dòng một cặp mã_cũ,mã_mới.',
  'err.reorganization.csv-invalid': 'Dòng này không đọc được: mỗi dòng phải là mã_cũ,mã_mới.',
  'err.reorganization.no-units': 'Hãy nêu các đơn vị kết thúc trước khi thực hiện.',
  'err.reorganization.not-draft': 'Quyết định đã được thực hiện: không thể thay đổi danh sách đơn vị.',
  'err.reports.organization-board-only':
    'Chỉ cán bộ Ban Tổ chức theo dõi báo cáo định kỳ của cán bộ phụ trách.',
  'err.cadre-report.not-found': 'Không tìm thấy báo cáo này trong các báo cáo của bạn.',
  'err.report-issue.not-found': 'Không tìm thấy vấn đề nổi lên này trong báo cáo của bạn.',
  'err.cadre-report.submitted': 'Báo cáo đã nộp, không sửa được: hãy bổ sung, đính chính.',
  'err.cadre-report.already-submitted': 'Báo cáo này đã được nộp.',
  'err.cadre-report.not-submitted': 'Báo cáo chưa nộp: hãy sửa và lưu bản nháp.',
  'err.cadre-report.visit-outside-period': 'Ngày đi cơ sở phải nằm trong kỳ báo cáo.',
  'err.cadre-report.unknown-issue': 'Vấn đề này không thuộc báo cáo.',
  'err.cadre-report.issue-in-use':
    'Vấn đề đã tạo kiến nghị hoặc đã đề xuất đưa vào chương trình thì không xóa được.',
  'err.report-issue.already-linked': 'Vấn đề này đã được tạo thành kiến nghị.',
  'err.report-issue.report-not-submitted': 'Chỉ vấn đề của báo cáo đã nộp mới đưa vào chương trình được.',
  'err.reorganization.csv-invalid@line': 'Dòng {line} không đọc được: mỗi dòng phải là mã_cũ,mã_mới.',
  'err.reference.unknown-unit@line': 'Dòng {line}: không có đơn vị mang mã này.',
  'err.reorganization.commune-only@line': 'Dòng {line}: cả hai mã phải là mã xã.',
  'err.calendar.already-working-day': 'Ngày này đã là ngày làm việc.',
  'err.report.unit-or-district': 'Chọn đơn vị hoặc huyện, không chọn cả hai.',
  'err.list.unknown-cursor': 'Danh sách đã thay đổi. Vui lòng tải lại.',
  'err.list.needs-own-unit': 'Chỉ cán bộ thuộc một đơn vị mới xem được kiến nghị đơn vị mình đã xử lý.',
  'err.notifications.preferences-empty':
    'Hãy chọn nhận thư hay không, hoặc nhận ngay hay tổng hợp hằng ngày.',
  'err.action.rate-limited':
    'Bạn đã thao tác nhiều lần trong một phút vừa qua. Vui lòng đợi một lát rồi thử lại.',
  'err.submission.rate-limited':
    'Bạn đã gửi nhiều kiến nghị trong một phút vừa qua. Vui lòng đợi một lát rồi gửi lại.',

  // The service, and refusals known only by their status.
  'err.database.unavailable': 'Hệ thống tạm thời không sẵn sàng. Vui lòng thử lại sau ít giây.',
  'err.database.query-timeout':
    'Hệ thống phản hồi quá lâu. Vui lòng thử lại sau ít giây, hoặc chọn khoảng thời gian ngắn hơn.',
  'err.temporal.unavailable':
    'Hệ thống xử lý kiến nghị tạm thời không sẵn sàng. Vui lòng thử lại sau ít giây.',
  'err.workflow.not-ready':
    'Kiến nghị này tạm thời chưa nhận thao tác vì bước xử lý trước đang được thử lại. Vui lòng thử lại sau ít phút; nếu vẫn không được, hãy báo quản trị hệ thống.',
  'err.request.invalid': 'Yêu cầu không hợp lệ.',
  'err.request.forbidden': 'Bạn không có quyền thực hiện thao tác này.',
  'err.request.not-found': 'Không tìm thấy.',
  'err.request.conflict': 'Không thể thực hiện lúc này: dữ liệu đã thay đổi.',
  'err.request.too-large': 'Nội dung gửi lên quá lớn.',
  'err.request.unprocessable': 'Dữ liệu không phù hợp.',
  'err.request.throttled': 'Quá nhiều lần thử. Vui lòng đợi một lát.',
  'err.request.failed': 'Có lỗi xảy ra. Vui lòng thử lại.',
  'err.invalid': 'Giá trị chưa hợp lệ.',

  // The lifecycle's rules.
  'err.lifecycle.not-allowed-in-state': 'Không thể «{action}» khi kiến nghị đang ở trạng thái «{status}».',
  'err.lifecycle.no-pending-opinion': 'Không có ý kiến phối hợp nào đang chờ.',
  'err.lifecycle.extension-already-pending': 'Đã có đề nghị gia hạn đang chờ quyết định.',
  'err.lifecycle.no-pending-extension': 'Không có đề nghị gia hạn nào đang chờ.',
  'err.lifecycle.reopen-window-ended': 'Đã hết thời hạn mở lại kiến nghị này.',
  'err.lifecycle.closed-by-directive':
    'Kiến nghị đã kết thúc theo chỉ đạo của Ban Thường vụ, không thể mở lại.',
  'err.lifecycle.closed-as-duplicate':
    'Kiến nghị đã được gộp vào kiến nghị trùng, không thể mở lại: hãy theo dõi kiến nghị gốc.',
  'err.lifecycle.duplicate-after-answer':
    'Kiến nghị đã từng được trả lời rồi mới mở lại: giữ nguyên trả lời, không đánh dấu trùng được.',
  'err.lifecycle.only-triage-office': 'Chỉ Văn phòng Tỉnh ủy được phân công kiến nghị này.',
  'err.lifecycle.only-lead-unit': 'Chỉ cán bộ hoặc lãnh đạo đơn vị chủ trì được thực hiện thao tác này.',
  'err.lifecycle.only-pending-coordinator': 'Chỉ đơn vị phối hợp đang được hỏi ý kiến mới gửi được ý kiến.',
  'err.lifecycle.only-submitter':
    'Chỉ cán bộ phụ trách kiến nghị (người gửi, hoặc người được chuyển giao) được thực hiện thao tác này.',
  'err.handover.not-awaiting-cadre': 'Kiến nghị không chờ cán bộ xử lý nên không chuyển giao.',
  'err.handover.not-in-charge': 'Cán bộ chuyển giao không còn phụ trách kiến nghị này.',
  'err.handover.same-cadre': 'Hãy chọn một cán bộ khác để chuyển giao.',
  'err.lifecycle.only-standing-committee': 'Chỉ thành viên Ban Thường vụ được ban hành chỉ đạo.',
  'err.lifecycle.only-head-above':
    'Chỉ lãnh đạo đơn vị chủ trì (không phải người đề nghị) hoặc lãnh đạo cơ quan quản lý được quyết định gia hạn.',
  'err.lifecycle.action-mismatch': 'Thao tác không khớp với yêu cầu.',
  'err.lifecycle.route-to-triage-office': 'Vui lòng chọn một đơn vị khác Văn phòng Tỉnh ủy.',
  'err.lifecycle.lead-also-coordinates': 'Đơn vị chủ trì không thể đồng thời là đơn vị phối hợp.',
  'err.lifecycle.reason-required': 'Vui lòng nêu lý do.',
  'err.lifecycle.already-with-unit': 'Kiến nghị đang ở chính đơn vị này.',
  'err.lifecycle.response-required': 'Vui lòng nhập nội dung trả lời.',
  'err.lifecycle.plan-date-required': 'Vui lòng nhập ngày hoàn thành theo kế hoạch.',
  'err.lifecycle.budget-year-required': 'Vui lòng nhập năm ngân sách.',
  'err.lifecycle.budget-year-mismatch':
    'Năm ngân sách phải là {first} hoặc {last}: năm của ngày hoàn thành ({planYear}) hoặc năm liền trước.',
  'err.lifecycle.deadline-required': 'Vui lòng nhập hạn mới hoặc số ngày làm việc.',
  'err.lifecycle.deadline-either-date-or-days': 'Chỉ nhập hạn mới hoặc số ngày làm việc, không nhập cả hai.',
  'err.lifecycle.deadline-not-after-today': 'Hạn mới phải sau ngày hôm nay.',
  'err.lifecycle.lead-unit-required': 'Vui lòng chọn đơn vị chủ trì mới.',
  'err.lifecycle.extension-days-range': 'Gia hạn từ {min} đến {max} ngày làm việc.',
  'err.pace.item-daily-limit':
    'Kiến nghị này đã có {limit} thao tác trong hôm nay. Vui lòng tiếp tục vào ngày mai.',

  // Meetings, attendance and the cadre's record.
  'err.meetings.organization-board-only': 'Chỉ cán bộ Ban Tổ chức Tỉnh ủy được dùng chức năng này.',
  'err.meeting.standing-committee-only':
    'Chỉ Ban Thường vụ hoặc Văn phòng Tỉnh ủy ghi cuộc họp của Ban Thường vụ với địa phương.',
  'err.meeting.commune-cadre-only': 'Cuộc họp của xã do cán bộ phụ trách xã hoặc quản trị viên nhập.',
  'err.meeting.commune-not-assigned': 'Bạn không được phân công theo dõi xã này vào ngày họp.',
  'err.cadre-record.organization-board-only':
    'Kết quả của cán bộ chỉ do chính cán bộ, Ban Tổ chức và Ban Thường vụ xem.',
  'err.meeting.not-found': 'Không tìm thấy cuộc họp trong các xã bạn phụ trách.',
  'err.cadre-record.not-found': 'Không tìm thấy cán bộ này.',
  'err.meeting.unit-kind': 'Đơn vị không phù hợp với loại cuộc họp.',
  'err.meeting.exists': 'Đơn vị đã có cuộc họp loại này vào ngày đó.',
  'err.meeting.not-yet-held': 'Cuộc họp chưa diễn ra: chỉ ghi nhận tham dự từ ngày họp.',
  'err.attendance.reason-required': 'Vui lòng ghi lý do vắng mặt.',
  'err.attendance.delegate-required': 'Vui lòng ghi tên người dự thay.',
  'err.lifecycle.only-lead-head-or-cadre':
    'Chỉ lãnh đạo đơn vị chủ trì hoặc cán bộ phụ trách kiến nghị được kiến nghị Ban Thường vụ chỉ đạo.',
  'err.sc-meeting.not-found': 'Không tìm thấy phiên họp.',
  'err.sc-meeting.line-not-found': 'Không tìm thấy nội dung này trong chương trình.',
  'err.sc-meeting.issue-not-found': 'Không tìm thấy vấn đề nổi lên được đề xuất đưa vào chương trình.',
  'err.sc-meeting.secretariat-only':
    'Chỉ Ban Thường vụ và Văn phòng Tỉnh ủy được quản lý phiên họp Ban Thường vụ.',
  'err.sc-meeting.frozen': 'Chương trình đã chốt, không thể sửa nữa.',
  'err.sc-meeting.not-frozen': 'Hãy chốt chương trình trước khi ghi kết luận.',
  'err.sc-meeting.not-yet-held': 'Kết luận được ghi trong hoặc sau ngày họp.',
  'err.sc-meeting.already-ruled': 'Nội dung này đã có kết luận.',
  'err.sc-meeting.line-exists': 'Nội dung này đã có trong chương trình.',
  'err.sc-meeting.one-subject': 'Chọn một kiến nghị hoặc một vấn đề, không chọn cả hai.',
  'err.sc-meeting.agenda-full': 'Chương trình đã đủ số nội dung tối đa.',
  'err.sc-meeting.agenda-empty': 'Chương trình trống, không thể chốt.',
  'err.sc-meeting.order-mismatch': 'Thứ tự mới phải gồm đủ mỗi nội dung của chương trình một lần.',
  'err.sc-meeting.ruling-kind':
    'Kết luận về kiến nghị là hạn mới, đơn vị chủ trì mới hoặc kết thúc; về vấn đề nổi lên là một nội dung kết luận.',
};
