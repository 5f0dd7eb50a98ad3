/** Account administration, the password rule, the forced password change, the 2025 provinces notice, accessibility labels. */
export const adminVi = {
  admin: {
    filterOrganization: 'Lọc theo cơ quan', filterRole: 'Lọc theo vai trò', allRoles: 'Mọi vai trò', sort: 'Sắp xếp',
    sortName: 'Theo tên', sortOrganization: 'Theo cơ quan', sortLastSignIn: 'Đăng nhập gần nhất trước', searchAccounts: 'Tìm tài khoản',
    searchPlaceholder: 'Họ tên hoặc tên đăng nhập', lastSignIn: 'Đăng nhập gần nhất', never: 'Chưa đăng nhập', status: 'Trạng thái',
    total: '{{count}} tài khoản', editTitle: 'Sửa tài khoản: {{name}}', resetPassword: 'Đặt lại mật khẩu',
    resetTitle: 'Đặt lại mật khẩu: {{name}}',
    resetMessage: '{{name}} sẽ phải đổi mật khẩu tạm thời này ngay khi đăng nhập lần sau, và mọi phiên đăng nhập đang mở của {{name}} sẽ kết thúc ngay.',
    temporaryPassword: 'Mật khẩu tạm thời', resetSubmit: 'Đặt lại và kết thúc các phiên',
    resetDone: 'Đã đặt mật khẩu tạm cho {{name}}; người dùng phải đổi khi đăng nhập. Hãy báo mật khẩu tạm qua kênh an toàn.',
    generate: 'Tạo mật khẩu ngẫu nhiên', generated: 'Mật khẩu tạm vừa tạo:', empty: 'Không có tài khoản nào khớp với điều kiện lọc.',
    edit: 'Sửa', save: 'Lưu thay đổi', saved: 'Đã lưu thay đổi của {{name}}.', disableAccount: 'Khóa tài khoản', enableAccount: 'Mở khóa tài khoản',
    isDisabled: 'Tài khoản này đang bị khóa.', close: 'Đóng',
    roleAt: '{{role}} — {{org}}', addRole: 'Thêm vai trò', roleOrganization: 'Tại cơ quan', removeRole: 'Bỏ vai trò {{role}} tại {{org}}',
    noRoles: 'Chưa có vai trò nào', disabledField: 'Khóa tài khoản (không đăng nhập được; các phiên đang mở kết thúc)',
    disableTitle: 'Khóa tài khoản', disableMessage: 'Khóa tài khoản {{name}}? {{name}} sẽ không đăng nhập được nữa và các phiên đăng nhập đang mở sẽ kết thúc ngay. Có thể mở khóa lại sau.',
    mustChange: 'Chờ đổi mật khẩu', editAccount: 'Sửa tài khoản {{name}}', clearFilter: 'Bỏ lọc cơ quan {{name}}',
    removeOrganization: 'Bỏ chọn {{name}}', removePerson: 'Bỏ chọn {{name}}',
  },
  passwordRule: {
    rule: 'Ít nhất 10 ký tự. Không dùng mật khẩu phổ biến, dễ đoán (như “matkhau123”, “1234567890”) hay chứa họ tên của mình; nên dùng một cụm từ dài, ví dụ “Sông-Hồng-mùa-nước-2026”.',
  },
  forcedPassword: {
    title: 'Đổi mật khẩu trước khi tiếp tục',
    message: 'Quản trị viên đã đặt lại mật khẩu của bạn. Hãy nhập mật khẩu tạm thời đã được cung cấp, rồi chọn mật khẩu mới của riêng bạn.',
    temporary: 'Mật khẩu tạm thời', confirm: 'Nhập lại mật khẩu mới', mismatch: 'Hai lần nhập mật khẩu mới không khớp.', submit: 'Đổi mật khẩu',
  },
  formerUnits: {
    notice: '{{name}} (trước 01/07/2025) nay thuộc {{now}}', show: 'Xem {{now}}',
    province: 'Tỉnh {{name}}', city: 'Thành phố {{name}}', nowProvince: 'tỉnh {{name}}', nowCity: 'thành phố {{name}}',
  },
};

export const adminEn: typeof adminVi = {
  admin: {
    filterOrganization: 'Filter by organization', filterRole: 'Filter by role', allRoles: 'All roles', sort: 'Sort',
    sortName: 'By name', sortOrganization: 'By organization', sortLastSignIn: 'Most recent sign-in first', searchAccounts: 'Search accounts',
    searchPlaceholder: 'Full name or username', lastSignIn: 'Last sign-in', never: 'Never signed in', status: 'Status',
    total: '{{count}} accounts', editTitle: 'Edit account: {{name}}', resetPassword: 'Reset password',
    resetTitle: 'Reset password: {{name}}',
    resetMessage: '{{name}} will have to change this temporary password at the next sign-in, and every open session of {{name}} ends now.',
    temporaryPassword: 'Temporary password', resetSubmit: 'Reset and end the sessions',
    resetDone: 'A temporary password was set for {{name}}; the user must change it at sign-in. Give it over a safe channel.',
    generate: 'Generate a random password', generated: 'The generated temporary password:', empty: 'No account matches the filters.',
    edit: 'Edit', save: 'Save changes', saved: 'The changes to {{name}} were saved.', disableAccount: 'Disable account', enableAccount: 'Enable account',
    isDisabled: 'This account is disabled.', close: 'Close',
    roleAt: '{{role}} — {{org}}', addRole: 'Add role', roleOrganization: 'In organization', removeRole: 'Remove the role {{role}} in {{org}}',
    noRoles: 'No roles yet', disabledField: 'Disable the account (cannot sign in; open sessions end)',
    disableTitle: 'Disable account', disableMessage: 'Disable the account of {{name}}? {{name}} can no longer sign in and every open session ends now. It can be enabled again later.',
    mustChange: 'Must change password', editAccount: 'Edit the account {{name}}', clearFilter: 'Clear the organization filter {{name}}',
    removeOrganization: 'Remove {{name}}', removePerson: 'Remove {{name}}',
  },
  passwordRule: {
    rule: 'At least 10 characters. No common or guessable passwords (such as “password123”, “1234567890”) and not your own name; a long phrase works well, e.g. “Red-River-flood-season-2026”.',
  },
  forcedPassword: {
    title: 'Change your password to continue',
    message: 'An administrator reset your password. Enter the temporary password you were given, then choose a new password of your own.',
    temporary: 'Temporary password', confirm: 'Repeat the new password', mismatch: 'The two new passwords differ.', submit: 'Change password',
  },
  formerUnits: {
    notice: '{{name}} (before 01/07/2025) is now part of {{now}}', show: 'Show {{now}}',
    province: '{{name}} province', city: '{{name}} city', nowProvince: '{{name}} province', nowCity: '{{name}} city',
  },
};
