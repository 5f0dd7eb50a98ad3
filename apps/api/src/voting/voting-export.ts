import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import type { Poll } from '@app/contracts';
import { exportCell } from '@app/vietnamese';
import { ruleWords } from './voting-minutes';

/** Numbers stay numbers; text is a cell a spreadsheet never evaluates (libs/vietnamese exportCell). */
const safe = (v: string | number) => (typeof v === 'number' ? v : exportCell(v));

/** The result as rows: the question and rule, a row per option with its shares, the outcome, then the named votes. */
export function resultRows(poll: Poll, siteName: (endpointId: string) => string): (string | number)[][] {
  const r = poll.result!;
  const label = (id: string) => poll.options.find((o) => o.id === id)?.label ?? id;
  const rows: (string | number)[][] = [
    ['Nội dung biểu quyết', poll.question],
    ['Điều kiện thông qua', ruleWords(poll)],
    ['Thành viên', r.members, 'Có mặt', r.present, 'Tham gia', r.participants],
    [],
    ['Phương án', 'Số phiếu', '% số phiếu biểu quyết', '% số có mặt', '% tổng số thành viên'],
    ...r.options.map((o) => [label(o.optionId), o.count, o.ofCast ?? '', o.ofPresent ?? '', o.ofMembers ?? '']),
    [],
    ['Kết quả', r.passed ? 'Được thông qua' : 'Không được thông qua'],
    ['Mã kiểm tra (SHA-256)', r.digest],
  ];
  if (r.sites.length) rows.push([], ['Điểm cầu báo cáo số phiếu', ...poll.options.map((o) => o.label)], ...r.sites.map((s) => [siteName(s.endpointId), ...poll.options.map((o) => s.counts[o.id] ?? 0)]));
  if (r.named.length) rows.push([], ['Họ và tên', 'Điểm cầu', 'Lựa chọn'], ...r.named.map((b) => [b.fullName, siteName(b.endpointId), b.optionIds.map(label).join(', ')]));
  return rows.map((row) => row.map(safe));
}

/** UTF-8 with a byte-order mark, so Excel opens the Vietnamese correctly. */
export const resultCsv = (rows: (string | number)[][]) => `\uFEFF${Papa.unparse(rows, { newline: '\r\n' })}\r\n`;

export async function resultXlsx(rows: (string | number)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Hệ thống họp trực tuyến';
  const ws = wb.addWorksheet('Kết quả biểu quyết');
  for (const row of rows) ws.addRow(row);
  ws.getColumn(1).width = 40;
  return Buffer.from(await wb.xlsx.writeBuffer());
}
