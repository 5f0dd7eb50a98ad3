/** Task follow-up (issue 20): the lifecycle, the task page and its timeline, the registers and dashboards. */
export const tasksVi = {
  tasks: {
    statuses: { assigned: 'Đã giao', in_progress: 'Đang thực hiện', reported_done: 'Đã báo cáo hoàn thành', accepted: 'Đã nghiệm thu', extended: 'Đã gia hạn', withdrawn: 'Đã thu hồi' },
    actions: {
      assigned: 'Giao nhiệm vụ', revised: 'Điều chỉnh theo biên bản', report_progress: 'Báo cáo tiến độ', report_done: 'Báo cáo hoàn thành', contribute: 'Ý kiến phối hợp',
      request_extension: 'Đề nghị gia hạn', grant_extension: 'Đồng ý gia hạn', refuse_extension: 'Không đồng ý gia hạn', accept: 'Nghiệm thu', return: 'Yêu cầu tiếp tục thực hiện', withdraw: 'Thu hồi nhiệm vụ',
    },
    overdue: 'Quá hạn', open: 'Mở', assigning: 'Cơ quan giao', meeting: 'Cuộc họp', dueThisWeek: 'Đến hạn trong tuần', onlyOverdue: 'Chỉ nhiệm vụ quá hạn',
    leadFilter: 'Cơ quan chủ trì', coFilter: 'Cơ quan phối hợp', export: 'Xuất Excel', exportName: 'theo-doi-nhiem-vu.xlsx', count: '{{count}} nhiệm vụ', empty: 'Không có nhiệm vụ nào phù hợp.',
    open_task: 'Xem nhiệm vụ', timeline: 'Quá trình thực hiện', by: '{{name}} ({{org}})', system: 'Hệ thống', deadlineMoved: 'Thời hạn: {{from}} → {{to}}',
    progressTitle: 'Báo cáo tiến độ', progressText: 'Nội dung báo cáo', contributeTitle: 'Ý kiến của cơ quan phối hợp', contributeText: 'Nội dung phối hợp', send: 'Gửi',
    extensionTitle: 'Đề nghị gia hạn', newDeadline: 'Thời hạn mới', reason: 'Lý do', extensionPending: 'Đang chờ xem xét đề nghị gia hạn đến {{deadline}}.',
    decideTitle: 'Xử lý của cơ quan giao', note: 'Ghi chú (không bắt buộc)', reportDoneText: 'Kết quả thực hiện (không bắt buộc)',
    confirmAccept: 'Nghiệm thu nhiệm vụ «{{task}}»? Nhiệm vụ sẽ được đóng lại.', confirmWithdraw: 'Thu hồi nhiệm vụ «{{task}}»? Cơ quan chủ trì sẽ không tiếp tục thực hiện.',
    confirmDone: 'Báo cáo hoàn thành nhiệm vụ «{{task}}»? Cơ quan giao sẽ xem xét nghiệm thu.',
    dashboard: 'Tình hình thực hiện theo cơ quan', total: 'Được giao', doneOnTime: 'Hoàn thành đúng hạn', doneLate: 'Hoàn thành quá hạn', awaiting: 'Chờ nghiệm thu', allAgencies: 'Tổng cộng',
    noActions: 'Bạn không có thao tác nào với nhiệm vụ này ở trạng thái hiện tại.', done: 'Đã ghi nhận.',
  },
};

export const tasksEn: typeof tasksVi = {
  tasks: {
    statuses: { assigned: 'Assigned', in_progress: 'In progress', reported_done: 'Reported done', accepted: 'Accepted', extended: 'Extended', withdrawn: 'Withdrawn' },
    actions: {
      assigned: 'Assigned', revised: 'Revised with the minutes', report_progress: 'Progress report', report_done: 'Reported done', contribute: 'Contribution',
      request_extension: 'Extension requested', grant_extension: 'Extension granted', refuse_extension: 'Extension refused', accept: 'Accepted', return: 'Returned for more work', withdraw: 'Withdrawn',
    },
    overdue: 'Overdue', open: 'Open', assigning: 'Assigning body', meeting: 'Meeting', dueThisWeek: 'Due this week', onlyOverdue: 'Overdue only',
    leadFilter: 'Lead agency', coFilter: 'Co-operating agency', export: 'Export to Excel', exportName: 'task-register.xlsx', count: '{{count}} tasks', empty: 'No task matches.',
    open_task: 'Open task', timeline: 'Timeline', by: '{{name}} ({{org}})', system: 'System', deadlineMoved: 'Deadline: {{from}} → {{to}}',
    progressTitle: 'Progress report', progressText: 'Report', contributeTitle: 'Co-operating agency’s contribution', contributeText: 'Contribution', send: 'Send',
    extensionTitle: 'Request an extension', newDeadline: 'New deadline', reason: 'Reason', extensionPending: 'An extension to {{deadline}} awaits a decision.',
    decideTitle: 'Assigning side', note: 'Note (optional)', reportDoneText: 'Result (optional)',
    confirmAccept: 'Accept the task “{{task}}”? It will be closed.', confirmWithdraw: 'Withdraw the task “{{task}}”? The lead agency stops working on it.',
    confirmDone: 'Report the task “{{task}}” done? The assigning side will review it.',
    dashboard: 'Progress by agency', total: 'Assigned', doneOnTime: 'Done on time', doneLate: 'Done late', awaiting: 'Awaiting acceptance', allAgencies: 'Total',
    noActions: 'You have no action on this task in its current state.', done: 'Recorded.',
  },
};

export const notificationsVi = {
  notifications: {
    bell: 'Thông báo ({{count}} chưa đọc)', empty: 'Chưa có thông báo nào.', markAll: 'Đánh dấu đã đọc tất cả', preferences: 'Cài đặt thông báo',
    email: 'Địa chỉ thư điện tử nhận thông báo', byEmail: 'Gửi qua thư điện tử các loại thông báo',
    kinds: { task_assigned: 'Nhiệm vụ được giao', task_reminder: 'Nhắc việc trước hạn', task_overdue: 'Nhiệm vụ quá hạn', opinion_requested: 'Xin ý kiến', invitation: 'Giấy mời họp', documents_released: 'Tài liệu họp được phát hành', turn_coming: 'Sắp đến lượt phát biểu', notice_issued: 'Thông báo kết luận được ban hành' },
  },
};

export const notificationsEn: typeof notificationsVi = {
  notifications: {
    bell: 'Notifications ({{count}} unread)', empty: 'No notifications yet.', markAll: 'Mark all read', preferences: 'Notification settings',
    email: 'Email address for notifications', byEmail: 'Send these kinds by email',
    kinds: { task_assigned: 'Task assigned', task_reminder: 'Reminder before a deadline', task_overdue: 'Task overdue', opinion_requested: 'Written opinion requested', invitation: 'Meeting invitation', documents_released: 'Meeting documents released', turn_coming: 'My turn to speak is coming', notice_issued: 'Conclusion notice issued' },
  },
};
