export const vi = {
  app: { name: 'Hệ thống họp trực tuyến', tagline: 'Điều phối họp trực tuyến nhiều điểm cầu' },
  common: {
    save: 'Lưu', cancel: 'Hủy', delete: 'Xóa', edit: 'Sửa', add: 'Thêm', search: 'Tìm kiếm', loading: 'Đang tải…', close: 'Đóng',
    previous: 'Trang trước', next: 'Trang sau', all: 'Tất cả', none: 'Không có', yes: 'Có', no: 'Không', confirm: 'Xác nhận',
    saved: 'Đã lưu', error: 'Có lỗi', download: 'Tải về', back: 'Quay lại', details: 'Chi tiết', actions: 'Thao tác',
  },
  login: {
    title: 'Đăng nhập', username: 'Tên đăng nhập', password: 'Mật khẩu', submit: 'Đăng nhập',
    wrong: 'Sai tên đăng nhập hoặc mật khẩu', tooMany: 'Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau {{seconds}} giây.',
  },
  shell: {
    logout: 'Đăng xuất', changePassword: 'Đổi mật khẩu', connected: 'Đã kết nối', disconnected: 'Mất kết nối', serverTime: 'Giờ máy chủ',
    language: 'Ngôn ngữ',
  },
  nav: { meetings: 'Cuộc họp', calendar: 'Lịch họp', organizations: 'Cơ quan, đơn vị', accounts: 'Tài khoản', mine: 'Cuộc họp của tôi' },
  roles: { admin: 'Quản trị', organizer: 'Đơn vị tổ chức', chair: 'Chủ trì', secretary: 'Thư ký', endpoint_operator: 'Cán bộ điểm cầu', viewer: 'Đại biểu' },
  orgKinds: {
    government_office: 'Văn phòng Chính phủ', ministry: 'Bộ', government_agency: 'Cơ quan ngang Bộ', steering_committee: 'Ban Chỉ đạo',
    province: 'Tỉnh, thành phố', department: 'Sở, ban, ngành', other: 'Khác',
  },
  orgs: {
    title: 'Cơ quan, đơn vị', name: 'Tên', shortName: 'Tên ngắn', code: 'Mã', kind: 'Loại', children: 'Đơn vị trực thuộc', parent: 'Đơn vị cấp trên',
    create: 'Thêm cơ quan', searchPlaceholder: 'Tìm theo tên, ví dụ “lang son”', total: '{{count}} cơ quan, đơn vị', deleteConfirm: 'Xóa {{name}}?',
  },
  accounts: {
    title: 'Tài khoản', username: 'Tên đăng nhập', fullName: 'Họ và tên', position: 'Chức vụ', organization: 'Cơ quan', roles: 'Vai trò',
    create: 'Thêm tài khoản', disabled: 'Đã khóa', active: 'Đang hoạt động', disable: 'Khóa', enable: 'Mở khóa', password: 'Mật khẩu',
  },
  password: { current: 'Mật khẩu hiện tại', new: 'Mật khẩu mới (ít nhất 10 ký tự)', changed: 'Đã đổi mật khẩu' },
  meetingKinds: { plenary: 'Phiên họp toàn thể', conference: 'Hội nghị', seminar: 'Tọa đàm', working: 'Họp làm việc' },
  statuses: { draft: 'Bản nháp', scheduled: 'Đã lên lịch', live: 'Đang họp', ended: 'Đã kết thúc', minutes_published: 'Đã công bố biên bản', cancelled: 'Đã hủy' },
  meetings: {
    title: 'Cuộc họp', create: 'Tạo cuộc họp', kind: 'Hình thức', name: 'Tên cuộc họp', description: 'Nội dung', host: 'Đơn vị chủ trì',
    chair: 'Người chủ trì', secretaries: 'Thư ký', start: 'Bắt đầu', end: 'Kết thúc', visibility: 'Phạm vi', public: 'Công khai', restricted: 'Hạn chế',
    status: 'Trạng thái', endpoints: 'Điểm cầu', agenda: 'Chương trình', list: 'Danh sách', calendar: 'Lịch', from: 'Từ ngày', to: 'Đến ngày',
    noMeetings: 'Chưa có cuộc họp nào', conflicts: 'Trùng lịch', overrideConflicts: 'Vẫn lưu dù trùng lịch', downloadIcs: 'Tải lịch (.ics)',
    schedule: 'Lên lịch', start_: 'Bắt đầu họp', end_: 'Kết thúc họp', cancelMeeting: 'Hủy cuộc họp', postpone: 'Dời lịch', reason: 'Lý do',
    wall: 'Tình trạng điểm cầu', console: 'Bàn điều khiển điểm cầu', roster: 'Danh sách đại biểu',
  },
  agenda: {
    title: 'Chương trình', addSession: 'Thêm phiên', addItem: 'Thêm nội dung', session: 'Phiên', item: 'Nội dung', minutes: 'phút',
    presenter: 'Người trình bày', save: 'Lưu chương trình', stale: 'Chương trình vừa được người khác sửa. Đã tải lại bản mới nhất.',
    dragHint: 'Kéo thả để sắp xếp', fixedStart: 'Giờ bắt đầu cố định',
  },
  endpoints: {
    title: 'Điểm cầu', addAllProvinces: 'Mời tất cả 34 tỉnh, thành phố', addOne: 'Mời điểm cầu', host: 'Điểm cầu chủ trì', joinCode: 'Mã tham gia',
    location: 'Địa điểm', operators: 'Cán bộ điểm cầu', invited: 'Đã mời {{count}} điểm cầu', remove: 'Bỏ mời', setHost: 'Đặt làm điểm cầu chủ trì',
  },
  presence: {
    not_joined: 'Chưa vào', connected: 'Đã kết nối', reconnecting: 'Đang kết nối lại', offline: 'Mất kết nối',
    summary: '{{connected}}/{{total}} điểm cầu đã kết nối', missing: 'Chưa kết nối', attendees: 'Đại biểu', ready: 'Sẵn sàng', join: 'Vào họp',
    techCheck: 'Kiểm tra kết nối', openCheck: 'Mở kiểm tra kết nối', closeCheck: 'Đóng kiểm tra kết nối', confirmReady: 'Xác nhận sẵn sàng',
    rollCall: 'Điểm danh', startRollCall: 'Bắt đầu điểm danh', closeRollCall: 'Kết thúc điểm danh', presentCount: 'Số người có mặt', respond: 'Báo cáo',
    log: 'Nhật ký kết nối',
  },
  attendees: {
    fullName: 'Họ và tên', position: 'Chức vụ', unit: 'Đơn vị', role: 'Vai trò', status: 'Trạng thái', checkIn: 'Điểm danh vào', checkOut: 'Ra về',
    excuse: 'Vắng có lý do', add: 'Thêm đại biểu', walkIn: 'Đại biểu đến trực tiếp', paste: 'Dán danh sách (CSV)', import: 'Nhập danh sách',
    pasteHint: 'Dòng đầu là tiêu đề: Họ và tên, Chức vụ, Đơn vị, Vai trò', exportCsv: 'Xuất CSV', exportXlsx: 'Xuất Excel',
    roles: { delegate: 'Đại biểu', guest: 'Khách mời', observer: 'Quan sát viên', technical: 'Kỹ thuật' },
    statuses: { expected: 'Dự kiến', present: 'Có mặt', late: 'Đến muộn', left: 'Đã rời', excused: 'Vắng có lý do', absent: 'Vắng' },
    upload: 'Tải tệp CSV hoặc Excel', viewOnly: 'Bạn đang xem danh sách của điểm cầu này; chỉ cán bộ điểm cầu mới điểm danh.', imported: 'Đã nhập {{count}} đại biểu', line: 'Dòng {{line}}',
  },
  floor: {
    turns: 'Lượt', spoken: 'Đã nói', remaining: 'Còn lại', 
    title: 'Điều hành phát biểu', nobody: 'Chưa có ai phát biểu', since: 'Bắt đầu lúc {{time}}', next: 'Người phát biểu tiếp theo',
    liveView: 'Màn hình theo dõi', giveNext: 'Mời người tiếp theo', give: 'Mời phát biểu', end: 'Kết thúc phát biểu', skip: 'Bỏ qua', recall: 'Gọi lại',
    listOpen: 'Đang nhận đăng ký', unheardFirst: 'Ưu tiên điểm cầu chưa phát biểu', queue: 'Danh sách phát biểu', pending: 'Chờ duyệt', skipped: 'Đã bỏ qua',
    approve: 'Duyệt', reject: 'Từ chối', statistics: 'Thống kê', waiting: 'Thời gian chờ trung bình {{average}}, dài nhất {{longest}}',
    request: 'Đăng ký phát biểu', topic: 'Chủ đề', ask: 'Đăng ký', withdraw: 'Rút đăng ký', floor: 'Phát biểu',
    kinds: { prepared: 'Tham luận', contribution: 'Phát biểu', for: 'Ủng hộ', against: 'Phản đối', intervention: 'Can thiệp', interposed_question: 'Câu hỏi xen', point_of_order: 'Kiến nghị thủ tục' },
    statuses: { pending: 'Chờ duyệt', queued: 'Trong danh sách', speaking: 'Đang phát biểu', done: 'Đã phát biểu', rejected: 'Bị từ chối', withdrawn: 'Đã rút', skipped: 'Bị bỏ qua' },
  },
  placeholder: { soon: 'Chức năng này đang được xây dựng.' },
};
export type Messages = typeof vi;
