import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { formatLocal, type Attendee, type AttendeeRole, type AttendeeStatus } from '@app/contracts';
import { exportCell } from '@app/vietnamese';

const ROLE_VI: Record<AttendeeRole, string> = { delegate: 'Đại biểu', guest: 'Khách mời', observer: 'Quan sát viên', technical: 'Kỹ thuật' };
const STATUS_VI: Record<AttendeeStatus, string> = {
  expected: 'Dự kiến',
  present: 'Có mặt',
  late: 'Đến muộn',
  left: 'Đã rời',
  excused: 'Vắng có lý do',
  absent: 'Vắng',
};
const HEADER = ['STT', 'Điểm cầu', 'Họ và tên', 'Chức vụ', 'Đơn vị', 'Vai trò', 'Trạng thái', 'Giờ đến', 'Giờ về', 'Ghi chú'];

/** Every cell through exportCell: a name or note cannot be a formula or reorder the text (CSV and XLSX alike, so a sheet saved again as CSV stays inert). */
const cells = (rows: { endpoint: string; attendee: Attendee }[]) =>
  rows.map(({ endpoint, attendee: a }, i) =>
    [
      String(i + 1),
      endpoint,
      a.fullName,
      a.position ?? '',
      a.unit ?? '',
      ROLE_VI[a.role],
      STATUS_VI[a.status],
      a.checkedInAt ? formatLocal(a.checkedInAt, 'vi', { timeStyle: 'short' }) : '',
      a.checkedOutAt ? formatLocal(a.checkedOutAt, 'vi', { timeStyle: 'short' }) : '',
      a.note ?? '',
    ].map(exportCell),
  );

/** UTF-8 with a byte-order mark, so Excel opens the Vietnamese correctly. */
export function rosterCsv(rows: { endpoint: string; attendee: Attendee }[]): string {
  return `\uFEFF${Papa.unparse([HEADER, ...cells(rows)], { newline: '\r\n' })}\r\n`;
}

export async function rosterXlsx(title: string, rows: { endpoint: string; attendee: Attendee }[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Hệ thống họp trực tuyến';
  const ws = wb.addWorksheet('Danh sách đại biểu', { pageSetup: { paperSize: 9, orientation: 'landscape' } });
  ws.addRow([exportCell(title)]).font = { bold: true, size: 14, name: 'Times New Roman' };
  ws.addRow([]);
  const header = ws.addRow(HEADER);
  header.font = { bold: true, name: 'Times New Roman' };
  header.eachCell((c) => (c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEFEFEF' } }));
  for (const r of cells(rows)) ws.addRow(r).font = { name: 'Times New Roman' };
  [6, 22, 28, 36, 30, 14, 16, 10, 10, 24].forEach((w, i) => (ws.getColumn(i + 1).width = w));
  ws.views = [{ state: 'frozen', ySplit: 3 }];
  return Buffer.from(await wb.xlsx.writeBuffer());
}
