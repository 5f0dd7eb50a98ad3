import ExcelJS from 'exceljs';
import type { AssignedTask, TaskStatus } from '@app/contracts';
import { exportCell } from '@app/vietnamese';

export const TASK_STATUS_WORDS: Record<TaskStatus, string> = {
  assigned: 'Đã giao',
  in_progress: 'Đang thực hiện',
  reported_done: 'Đã báo cáo hoàn thành',
  accepted: 'Đã nghiệm thu',
  extended: 'Đã gia hạn',
  withdrawn: 'Đã thu hồi',
};

const HEADER = ['STT', 'Nội dung nhiệm vụ', 'Cuộc họp', 'Cơ quan giao', 'Cơ quan chủ trì', 'Cơ quan phối hợp', 'Thời hạn', 'Tình trạng', 'Quá hạn'];

/** dd/mm/yyyy, as an office writes a deadline */
const vnDate = (d: string | null) => (d ? `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}` : '');

/** The register as a sheet: every text cell passes exportCell (no formula, no bidirectional control survives). */
export async function taskRegisterXlsx(tasks: AssignedTask[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Hệ thống họp trực tuyến';
  const ws = wb.addWorksheet('Theo dõi nhiệm vụ');
  ws.addRow(HEADER).font = { bold: true };
  tasks.forEach((t, i) =>
    ws.addRow([
      i + 1,
      ...[t.description, t.meetingTitle, t.assigningOrganizationName, t.leadOrganizationName, t.coOrganizations.map((o) => o.name).join('; '), vnDate(t.deadline), TASK_STATUS_WORDS[t.status], t.overdue ? 'Quá hạn' : ''].map(exportCell),
    ]),
  );
  [6, 60, 40, 30, 30, 40, 12, 22, 10].forEach((w, i) => (ws.getColumn(i + 1).width = w));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
