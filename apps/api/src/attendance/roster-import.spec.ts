import ExcelJS from 'exceljs';
import { parseCsvTable, parseXlsxTable, validateRosterTable } from './roster-import';

describe('roster import', () => {
  it('reads a Vietnamese CSV with a BOM, quotes and mixed roles', () => {
    const csv = '\uFEFFHọ và tên,Chức vụ,Đơn vị,Vai trò\n' +
      'Đoàn Thu Hà,"Ủy viên Ban Thường vụ Tỉnh ủy, Phó Chủ tịch UBND tỉnh",UBND tỉnh Lạng Sơn,Đại biểu\n' +
      'Nguyễn Văn An,Giám đốc,Sở Ngoại vụ,khach moi\n' +
      '\n' +
      'Trần Thị Bình,,,Kỹ thuật\n';
    const { rows, errors } = validateRosterTable(parseCsvTable(csv));
    expect(errors).toEqual([]);
    expect(rows).toEqual([
      { line: 2, fullName: 'Đoàn Thu Hà', position: 'Ủy viên Ban Thường vụ Tỉnh ủy, Phó Chủ tịch UBND tỉnh', unit: 'UBND tỉnh Lạng Sơn', role: 'delegate', note: null },
      { line: 3, fullName: 'Nguyễn Văn An', position: 'Giám đốc', unit: 'Sở Ngoại vụ', role: 'guest', note: null },
      { line: 5, fullName: 'Trần Thị Bình', position: null, unit: null, role: 'technical', note: null },
    ]);
  });

  it('normalizes names from a list made in Word: Ð as Đ, no bidi controls', () => {
    const { rows, errors } = validateRosterTable(parseCsvTable('Họ và tên,Chức vụ,Đơn vị\n\u00D0ặng Văn A,Phó Giám \u00F0ốc\u202E,\u2066Sở Ngoại vụ\u2069\n'));
    expect(errors).toEqual([]);
    expect(rows[0]).toMatchObject({ fullName: 'Đặng Văn A', position: 'Phó Giám đốc', unit: 'Sở Ngoại vụ' });
  });

  it('accepts semicolons and tabs, as spreadsheets paste them', () => {
    expect(validateRosterTable(parseCsvTable('Họ tên;Chức vụ\nLê Văn Cường;Phó Giám đốc\n')).rows[0]).toMatchObject({ fullName: 'Lê Văn Cường', position: 'Phó Giám đốc' });
    expect(validateRosterTable(parseCsvTable('Full name\tPosition\nPhạm Thị Dung\tChuyên viên\n')).rows[0]).toMatchObject({ fullName: 'Phạm Thị Dung' });
  });

  it('reports every bad row by its line', () => {
    const csv = 'Họ và tên,Vai trò\nĐúng Người,Đại biểu\n,Đại biểu\nNgười Thứ Ba,Bảo vệ\n' + `${'X'.repeat(201)},\n`;
    const { errors } = validateRosterTable(parseCsvTable(csv));
    expect(errors).toEqual([
      { line: 3, field: 'fullName', code: 'required', params: {}, reason: expect.any(String) },
      { line: 4, field: 'role', code: 'custom', params: { rule: 'attendee_role' }, reason: expect.stringContaining('Bảo vệ') },
      { line: 5, field: 'fullName', code: 'too_big', params: expect.objectContaining({ origin: 'string' }), reason: expect.any(String) },
    ]);
  });

  it('needs a name column', () => {
    expect(validateRosterTable(parseCsvTable('Chức vụ\nGiám đốc\n')).errors).toEqual([{ line: 1, field: 'header', code: 'custom', params: { rule: 'roster_needs_name_column' }, reason: expect.stringContaining('Họ và tên') }]);
  });

  it('reads the first sheet of an .xlsx file', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Danh sách');
    ws.addRow(['Họ và tên', 'Chức vụ', 'Đơn vị']);
    ws.addRow(['Hoàng Thị Ế', 'Trưởng phòng', 'Công an tỉnh']);
    const table = await parseXlsxTable(Buffer.from(await wb.xlsx.writeBuffer()));
    expect(validateRosterTable(table).rows).toEqual([{ line: 2, fullName: 'Hoàng Thị Ế', position: 'Trưởng phòng', unit: 'Công an tỉnh', role: 'delegate', note: null }]);
  });
});
