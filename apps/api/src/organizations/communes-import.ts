import type { FieldError, FieldRule, RosterImportRowError } from '@app/contracts';
import { foldForSearch } from '@app/vietnamese';
import { provinceCode } from './seed/reference-organizations';

const rule = (field: string, name: FieldRule, reason: string): FieldError => ({ field, code: 'custom', params: { rule: name }, reason });

export type CommuneType = 'commune' | 'ward' | 'special_zone';

/** One commune of a list: its province (as named in provinces-vn-34.json) and its full name ("Xã Tân Thành"). */
export interface CommuneRow {
  line: number;
  province: string;
  fullName: string;
  type: CommuneType;
  code: string | null;
}

const COLUMNS: Record<string, keyof Omit<CommuneRow, 'line'> | 'name'> = {
  tinh: 'province',
  'tinh/thanh pho': 'province',
  'tinh, thanh pho': 'province',
  'tinh thanh': 'province',
  'don vi cap tinh': 'province',
  province: 'province',
  ten: 'name',
  'ten don vi': 'name',
  'ten xa': 'name',
  'xa/phuong': 'name',
  'xa, phuong': 'name',
  'xa/phuong/dac khu': 'name',
  name: 'name',
  commune: 'name',
  loai: 'type',
  'loai don vi': 'type',
  'cap': 'type',
  type: 'type',
  ma: 'code',
  'ma don vi': 'code',
  code: 'code',
};

/** The type words, folded, and how the full name starts for each. */
const TYPES: [folded: string, type: CommuneType, word: string][] = [
  ['xa', 'commune', 'Xã'],
  ['commune', 'commune', 'Xã'],
  ['phuong', 'ward', 'Phường'],
  ['ward', 'ward', 'Phường'],
  ['dac khu', 'special_zone', 'Đặc khu'],
  ['special_zone', 'special_zone', 'Đặc khu'],
  ['special zone', 'special_zone', 'Đặc khu'],
];
const WORDS: Record<CommuneType, string> = { commune: 'Xã', ward: 'Phường', special_zone: 'Đặc khu' };

/** "Xã Tân Thành" -> commune; "Tân Thành" -> null (the type column must say). */
export function typeOfFullName(fullName: string): CommuneType | null {
  const folded = foldForSearch(fullName);
  for (const [word, type] of [['dac khu ', 'special_zone'], ['phuong ', 'ward'], ['xa ', 'commune']] as const) if (folded.startsWith(word)) return type;
  return null;
}

/** The People's Committee of a commune: "Ủy ban nhân dân xã Tân Thành". */
export const communeCommitteeName = (fullName: string) => `Ủy ban nhân dân ${fullName.charAt(0).toLocaleLowerCase('vi')}${fullName.slice(1)}`;

/** A commune's identity within its province, as duplicates are judged: the folded full name. */
export const communeKey = (province: string, fullName: string) => `${province}\u0000${foldForSearch(fullName)}`;

/**
 * Validates a commune list (first row: headers, Vietnamese or English) against the known provinces.
 * Every bad line is reported with its line number (unknown province, commune listed twice, empty name,
 * unknown type); the caller saves nothing unless there is none.
 */
export function validateCommuneTable(table: string[][], provinces: readonly string[]): { rows: CommuneRow[]; errors: RosterImportRowError[] } {
  const errors: RosterImportRowError[] = [];
  const [header, ...body] = table;
  if (!header || header.every((h) => !h?.trim())) return { rows: [], errors: [{ line: 1, ...rule('header', 'commune_list_empty', 'the file is empty') }] };
  const columns = header.map((h) => COLUMNS[foldForSearch((h ?? '').replace(/^\uFEFF/, '').replace(/[*:]/g, ''))]);
  if (!columns.includes('province') || !columns.includes('name')) {
    return { rows: [], errors: [{ line: 1, ...rule('header', 'commune_list_needs_columns', 'needs the columns "Tỉnh/thành phố" and "Tên" (or "Province" and "Name")') }] };
  }
  const byFolded = new Map(provinces.map((p) => [provinceCode(p), p]));
  const seen = new Map<string, number>();
  const rows: CommuneRow[] = [];
  body.forEach((cells, i) => {
    const line = i + 2;
    if (cells.every((c) => !c?.trim())) return;
    const raw: Record<string, string> = {};
    columns.forEach((col, c) => {
      if (col) raw[col] = (cells[c] ?? '').normalize('NFC').replace(/\s+/g, ' ').trim();
    });
    const lineErrors: FieldError[] = [];
    const province = byFolded.get(provinceCode((raw.province ?? '').replace(/^(tỉnh|thành phố|tp\.?)\s+/i, '')));
    if (!province) lineErrors.push(rule('province', 'unknown_province', `"${raw.province ?? ''}" is not one of the 34 provincial-level units`));
    const name = raw.name ?? '';
    let type: CommuneType | null = null;
    let fullName = name;
    if (!name) lineErrors.push(rule('name', 'commune_name_empty', 'the name is empty'));
    else if (raw.type) {
      const t = TYPES.find(([folded]) => folded === foldForSearch(raw.type));
      if (!t) lineErrors.push(rule('type', 'commune_type', `"${raw.type}" is not a type (Xã, Phường, Đặc khu)`));
      else {
        type = t[1];
        fullName = typeOfFullName(name) === type ? name : `${WORDS[type]} ${name}`;
      }
    } else {
      type = typeOfFullName(name);
      if (!type) lineErrors.push(rule('name', 'commune_type', `"${name}" does not start with Xã, Phường or Đặc khu, and there is no column "Loại"`));
    }
    if (type && name.length > 200) lineErrors.push(rule('name', 'commune_name_empty', 'the name is longer than 200 characters'));
    if (province && type && name) {
      const key = communeKey(province, fullName);
      const first = seen.get(key);
      if (first !== undefined) lineErrors.push(rule('name', 'duplicate_commune', `${fullName} (${province}) is listed already on line ${first}`));
      else seen.set(key, line);
    }
    if (lineErrors.length) {
      errors.push(...lineErrors.map((e) => ({ line, ...e })));
      return;
    }
    const code = raw.code ? raw.code.toUpperCase() : null;
    if (code && !/^[A-Z0-9_-]{1,32}$/.test(code)) {
      errors.push({ line, ...rule('code', 'organization_code_format', 'must be 1-32 characters: A-Z, 0-9, dash, underscore') });
      return;
    }
    rows.push({ line, province: province!, fullName: fullName.charAt(0).toLocaleUpperCase('vi') + fullName.slice(1), type: type!, code });
  });
  if (!rows.length && !errors.length) errors.push({ line: 2, ...rule('row', 'commune_list_empty', 'the file lists no commune') });
  return { rows, errors };
}
