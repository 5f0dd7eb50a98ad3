/** Strings of issue 16: shaping the minutes (insert, move, review, corrections), named tasks, mended reports. */
export const minutesVi = {
  minutesShaping: {
    insertBelow: 'Chèn bên dưới',
    insertBelowOf: 'Chèn bên dưới mục {{n}}',
    insertKind: 'Chèn {{kind}} bên dưới mục {{n}}',
    moveUp: 'Chuyển lên',
    moveDown: 'Chuyển xuống',
    moveUpOf: 'Chuyển lên: mục {{n}} ({{kind}})',
    moveDownOf: 'Chuyển xuống: mục {{n}} ({{kind}})',
    moveHint: 'Alt + ↑/↓ để chuyển mục',
    entryLabel: 'Mục {{n}}: {{kind}}',
    moved: 'Đã chuyển mục {{kind}} tới vị trí {{n}}',
    inReview: 'Biên bản đang chờ duyệt; gửi trả lại để sửa',
    approved: 'Biên bản đã được duyệt; gửi trả lại dự thảo để sửa hoặc công bố',
    published: 'Biên bản đã công bố (bản số {{n}}) và không sửa trực tiếp được. Muốn sửa, hãy bắt đầu đính chính và nêu lý do.',
    startCorrection: 'Bắt đầu đính chính',
    correctionTitle: 'Bắt đầu đính chính biên bản',
    correctionMessage:
      'Bản công bố số {{n}} được giữ nguyên. Biên bản trở lại dự thảo để sửa; khi duyệt và công bố, phần đính chính thành bản số {{next}}. Người đính chính, thời điểm và lý do được ghi vào lịch sử các bản.',
    reason: 'Lý do đính chính',
    reasonHint: 'Ví dụ: Sửa tên cơ quan phối hợp theo ý kiến của Văn phòng Chính phủ',
    correcting: 'Đang đính chính bản số {{n}}: “{{reason}}” — {{name}}, {{time}}',
    correctionOf: 'Đính chính bản số {{n}}: “{{reason}}” — {{name}}, {{time}}',
    noDeadline: 'Không ấn định',
    taskMeeting: 'Cuộc họp',
  },
  reportMend: {
    regeneratePdf: 'Tạo lại PDF',
    regeneratePdfOf: 'Tạo lại PDF của báo cáo {{label}}',
    notes: {
      office_unavailable: 'máy chủ lập báo cáo chưa có LibreOffice khi chạy; có thể tạo lại PDF khi đã cài',
      pdf_conversion_failed: 'LibreOffice không chuyển được tệp sang PDF',
      unknown: 'không lập được tệp này',
    },
  },
};

export const minutesEn: typeof minutesVi = {
  minutesShaping: {
    insertBelow: 'Insert below',
    insertBelowOf: 'Insert below entry {{n}}',
    insertKind: 'Insert a {{kind}} below entry {{n}}',
    moveUp: 'Move up',
    moveDown: 'Move down',
    moveUpOf: 'Move up: entry {{n}} ({{kind}})',
    moveDownOf: 'Move down: entry {{n}} ({{kind}})',
    moveHint: 'Alt + ↑/↓ moves the entry',
    entryLabel: 'Entry {{n}}: {{kind}}',
    moved: 'Moved the {{kind}} to position {{n}}',
    inReview: 'The minutes are awaiting approval; send them back to edit',
    approved: 'The minutes are approved; send them back to draft to edit, or publish them',
    published: 'The minutes are published (revision {{n}}) and are not edited directly. To change them, start a correction and give the reason.',
    startCorrection: 'Start a correction',
    correctionTitle: 'Start a correction of the minutes',
    correctionMessage:
      'Published revision {{n}} stays as it is. The minutes go back to draft for editing; once approved and published, the correction becomes revision {{next}}. Who corrected, when and why are kept in the revision history.',
    reason: 'Reason for the correction',
    reasonHint: 'E.g. Correct the name of a co-operating agency as the Government Office asked',
    correcting: 'Correcting revision {{n}}: “{{reason}}” — {{name}}, {{time}}',
    correctionOf: 'Corrects revision {{n}}: “{{reason}}” — {{name}}, {{time}}',
    noDeadline: 'No deadline',
    taskMeeting: 'Meeting',
  },
  reportMend: {
    regeneratePdf: 'Regenerate PDF',
    regeneratePdfOf: 'Regenerate the PDF of report {{label}}',
    notes: {
      office_unavailable: 'the report server had no LibreOffice when the job ran; the PDF can be regenerated once it is installed',
      pdf_conversion_failed: 'LibreOffice could not convert the file to PDF',
      unknown: 'this file could not be made',
    },
  },
};
