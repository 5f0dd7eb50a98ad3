/** The conclusion notice card of the report page (issue 20). */
export const noticesVi = {
  notice: {
    title: 'Thông báo kết luận', issuedBadge: 'Đã ban hành', revision: 'Theo biên bản công bố lần {{n}}', version: 'bản {{n}}', edited: 'đã sửa lời văn', issued: 'Đã ban hành lúc {{time}} ({{name}}), đã gửi {{count}} tài khoản của các cơ quan có tên.',
    draft: 'Dự thảo, chưa ban hành', generating: 'Đang lập thông báo…', failed: 'Không lập được thông báo: {{error}}', none: 'Thông báo kết luận được lập sau khi biên bản được công bố.',
    preview: 'Xem trước (PDF)', downloadDocx: 'Tải tệp Word', recipients: 'Nơi nhận', tasks: 'Tổ chức thực hiện',
    edit: 'Sửa lời văn', conclusionsLabel: 'Các kết luận (mỗi dòng một đoạn)', tasksLabel: 'Các nhiệm vụ (mỗi dòng một đoạn)', save: 'Lưu dự thảo', cancel: 'Hủy',
    issue: 'Ban hành thông báo', confirmIssue: 'Ban hành thông báo kết luận? Sau khi ban hành, thông báo không sửa được nữa và được gửi tới {{count}} cơ quan có tên: {{names}}.',
    fileName: 'Thông báo kết luận {{title}} (lần {{n}})',
  },
};

export const noticesEn: typeof noticesVi = {
  notice: {
    title: 'Conclusion notice', issuedBadge: 'Issued', revision: 'From minutes revision {{n}}', version: 'version {{n}}', edited: 'reworded', issued: 'Issued at {{time}} ({{name}}), sent to {{count}} accounts of the agencies named.',
    draft: 'Draft, not issued', generating: 'Generating the notice…', failed: 'The notice could not be generated: {{error}}', none: 'The conclusion notice is made once the minutes are published.',
    preview: 'Preview (PDF)', downloadDocx: 'Download Word', recipients: 'Recipients', tasks: 'Implementation',
    edit: 'Edit wording', conclusionsLabel: 'Conclusions (one paragraph per line)', tasksLabel: 'Tasks (one paragraph per line)', save: 'Save draft', cancel: 'Cancel',
    issue: 'Issue the notice', confirmIssue: 'Issue the conclusion notice? Once issued it can no longer be edited, and it is sent to the {{count}} agencies named: {{names}}.',
    fileName: 'Conclusion notice {{title}} (revision {{n}})',
  },
};
