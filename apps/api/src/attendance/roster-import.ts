import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { createAttendeeRequestSchema, type AttendeeRole, type FieldError, type FieldRule, type RosterImportRowError } from '@app/contracts';
import { foldForSearch } from '@app/vietnamese';
import { zodFieldErrors } from '../common/zod.pipe';

const rule = (field: string, name: FieldRule, reason: string): FieldError => ({ field, code: 'custom', params: { rule: name }, reason });

export interface RosterRow {
  line: number;
  fullName: string;
  position: string | null;
  unit: string | null;
  role: AttendeeRole;
  note: string | null;
}

const COLUMNS: Record<string, keyof Omit<RosterRow, 'line'>> = {
  'ho va ten': 'fullName',
  'ho ten': 'fullName',
  'full name': 'fullName',
  name: 'fullName',
  ten: 'fullName',
  'chuc vu': 'position',
  position: 'position',
  'don vi': 'unit',
  'don vi cong tac': 'unit',
  unit: 'unit',
  'vai tro': 'role',
  role: 'role',
  'ghi chu': 'note',
  note: 'note',
};

const ROLES: Record<string, AttendeeRole> = {
  '': 'delegate',
  'dai bieu': 'delegate',
  delegate: 'delegate',
  'khach moi': 'guest',
  khach: 'guest',
  guest: 'guest',
  'quan sat vien': 'observer',
  'quan sat': 'observer',
  observer: 'observer',
  'ky thuat': 'technical',
  'can bo ky thuat': 'technical',
  technical: 'technical',
};

/**
 * Validates a roster table (first row: headers, in Vietnamese or English).
 * Every bad row is reported with its line; the caller saves nothing unless
 * there are no errors.
 */
export function validateRosterTable(table: string[][]): { rows: RosterRow[]; errors: RosterImportRowError[] } {
  const errors: RosterImportRowError[] = [];
  const [header, ...body] = table;
  if (!header) return { rows: [], errors: [{ line: 1, ...rule('header', 'roster_empty', 'the file is empty') }] };
  const columns = header.map((h) => COLUMNS[foldForSearch(h.replace(/^\uFEFF/, '').replace(/[*:]/g, ''))]);
  if (!columns.includes('fullName')) {
    return { rows: [], errors: [{ line: 1, ...rule('header', 'roster_needs_name_column', 'needs a column "Họ và tên" (or "Full name")') }] };
  }
  const rows: RosterRow[] = [];
  body.forEach((cells, i) => {
    const line = i + 2;
    if (cells.every((c) => !c?.trim())) return;
    const raw: Record<string, string> = {};
    columns.forEach((col, c) => {
      if (col) raw[col] = (cells[c] ?? '').trim();
    });
    const roleKey = foldForSearch(raw.role ?? '');
    const role = ROLES[roleKey];
    if (role === undefined) {
      errors.push({ line, ...rule('role', 'attendee_role', `"${raw.role}" is not a role (Đại biểu, Khách mời, Quan sát viên, Kỹ thuật)`) });
      return;
    }
    const parsed = createAttendeeRequestSchema.safeParse(
      {
        fullName: raw.fullName ?? '',
        position: raw.position || undefined,
        unit: raw.unit || undefined,
        note: raw.note || undefined,
        role,
      },
      { reportInput: true },
    );
    if (!parsed.success) {
      for (const f of zodFieldErrors(parsed.error)) errors.push({ line, ...f });
      return;
    }
    rows.push({ line, fullName: parsed.data.fullName, position: parsed.data.position ?? null, unit: parsed.data.unit ?? null, role, note: parsed.data.note ?? null });
  });
  if (!rows.length && !errors.length) errors.push({ line: 2, ...rule('row', 'roster_no_attendees', 'the file has no attendees') });
  return { rows, errors };
}

/** CSV as pasted from a spreadsheet: comma, semicolon or tab separated; quotes respected. */
export function parseCsvTable(text: string): string[][] {
  const clean = text.replace(/^\uFEFF/, '').normalize('NFC');
  // The header row decides: it has no quoted separators, and spreadsheets paste tabs, Excel in Vietnamese locales semicolons.
  const header = clean.split(/\r?\n/, 1)[0];
  const delimiter = ['\t', ';', ','].map((d) => [d, header.split(d).length] as const).sort((a, b) => b[1] - a[1])[0][0];
  const result = Papa.parse<string[]>(clean, { skipEmptyLines: false, delimiter });
  const rows = result.data;
  while (rows.length && rows[rows.length - 1].every((c) => !c.trim())) rows.pop();
  return rows;
}

/** The first worksheet of an .xlsx file as text cells. */
export async function parseXlsxTable(data: Buffer): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(data as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  if (!sheet) return [];
  const table: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      cells[col - 1] = (cell.text ?? '').normalize('NFC');
    });
    table[rowNumber - 1] = Array.from(cells, (c) => c ?? '');
  });
  return Array.from(table, (r) => r ?? []);
}
