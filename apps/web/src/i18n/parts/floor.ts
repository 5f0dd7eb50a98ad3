/** Strings of the chair's floor console (issue 16): pause, keyboard reordering, who has spoken, time per item, alerts. */
export const floorVi = {
  floorConsole: {
    pause: 'Tạm dừng', resume: 'Tiếp tục', paused: 'Tạm dừng', pausedSince: 'Tạm dừng từ {{time}}',
    extendMinute: 'Thêm 1 phút',
    moveUp: 'Đưa {{name}} lên trước', moveDown: 'Đưa {{name}} xuống sau',
    moved: '{{name}} chuyển tới vị trí {{position}} trên {{count}}',
    reorderHint: 'Chọn một dòng rồi bấm Alt + ↑ hoặc Alt + ↓ để đổi thứ tự',
    fixedPlace: 'Giữ vị trí theo quy định',
    spokenTitle: 'Đã phát biểu', spokenEmpty: 'Chưa có ai phát biểu xong.',
    speaker: 'Người phát biểu', site: 'Điểm cầu', kind: 'Hình thức', duration: 'Thời lượng', at: 'Lúc',
    itemTimeTitle: 'Thời gian theo nội dung', item: 'Nội dung', used: 'Đã dùng', planned: 'Dự kiến',
    over: 'Vượt {{time}}', left: 'Còn {{time}}', itemTurns: '{{count}} lượt', noItem: 'Ngoài chương trình',
    alertRequest: 'Yêu cầu phát biểu mới: {{name}} — {{site}} ({{kind}})',
    alertPoint: 'Kiến nghị thủ tục: {{name}} — {{site}}',
    dismiss: 'Đã xem', sound: 'Chuông báo khi có yêu cầu mới',
  },
  agendaOrder: {
    handle: 'Sắp xếp «{{title}}»: Alt + ↑ hoặc Alt + ↓', up: 'Đưa «{{title}}» lên trước', down: 'Đưa «{{title}}» xuống sau',
    itemMoved: '«{{title}}» chuyển tới vị trí {{position}} trong {{session}}', sessionMoved: '{{title}} chuyển tới vị trí {{position}}',
    keyboardHint: 'Kéo thả, bấm ↑/↓, hoặc chọn ⋮⋮ rồi bấm Alt + ↑ / Alt + ↓',
  },
};

export const floorEn: typeof floorVi = {
  floorConsole: {
    pause: 'Pause', resume: 'Resume', paused: 'Paused', pausedSince: 'Paused since {{time}}',
    extendMinute: 'Add 1 minute',
    moveUp: 'Move {{name}} up', moveDown: 'Move {{name}} down',
    moved: '{{name}} moved to position {{position}} of {{count}}',
    reorderHint: 'Select a row, then press Alt + ↑ or Alt + ↓ to change the order',
    fixedPlace: 'Keeps its place by rule',
    spokenTitle: 'Have spoken', spokenEmpty: 'Nobody has finished speaking yet.',
    speaker: 'Speaker', site: 'Site', kind: 'Kind', duration: 'Duration', at: 'At',
    itemTimeTitle: 'Time per agenda item', item: 'Item', used: 'Used', planned: 'Planned',
    over: '{{time}} over', left: '{{time}} left', itemTurns: '{{count}} turns', noItem: 'Outside the agenda',
    alertRequest: 'New request to speak: {{name}} — {{site}} ({{kind}})',
    alertPoint: 'Point of order: {{name}} — {{site}}',
    dismiss: 'Seen', sound: 'Chime on a new request',
  },
  agendaOrder: {
    handle: 'Reorder “{{title}}”: Alt + ↑ or Alt + ↓', up: 'Move “{{title}}” up', down: 'Move “{{title}}” down',
    itemMoved: '“{{title}}” moved to position {{position}} in {{session}}', sessionMoved: '{{title}} moved to position {{position}}',
    keyboardHint: 'Drag and drop, press ↑/↓, or select ⋮⋮ and press Alt + ↑ / Alt + ↓',
  },
};
