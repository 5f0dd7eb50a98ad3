import type { OrganizationKind } from '@app/contracts';
import provinces34 from './provinces-vn-34.json';

export interface ReferenceOrganization {
  key: string;
  parentKey: string | null;
  kind: OrganizationKind;
  name: string;
  shortName: string | null;
  code: string | null;
  provinceType?: 'city' | 'province';
  formedFrom?: string[];
}

const CENTRAL: [code: string, kind: OrganizationKind, name: string, shortName: string][] = [
  ['BQP', 'ministry', 'Bộ Quốc phòng', 'BQP'],
  ['BCA', 'ministry', 'Bộ Công an', 'BCA'],
  ['BNG', 'ministry', 'Bộ Ngoại giao', 'BNG'],
  ['BNV', 'ministry', 'Bộ Nội vụ', 'BNV'],
  ['BTP', 'ministry', 'Bộ Tư pháp', 'BTP'],
  ['BTC', 'ministry', 'Bộ Tài chính', 'BTC'],
  ['BCT', 'ministry', 'Bộ Công Thương', 'BCT'],
  ['BNNMT', 'ministry', 'Bộ Nông nghiệp và Môi trường', 'BNN&MT'],
  ['BXD', 'ministry', 'Bộ Xây dựng', 'BXD'],
  ['BVHTTDL', 'ministry', 'Bộ Văn hóa, Thể thao và Du lịch', 'BVHTTDL'],
  ['BKHCN', 'ministry', 'Bộ Khoa học và Công nghệ', 'BKH&CN'],
  ['BGDDT', 'ministry', 'Bộ Giáo dục và Đào tạo', 'BGD&ĐT'],
  ['BYT', 'ministry', 'Bộ Y tế', 'BYT'],
  ['BDTTG', 'ministry', 'Bộ Dân tộc và Tôn giáo', 'BDT&TG'],
  ['NHNN', 'government_agency', 'Ngân hàng Nhà nước Việt Nam', 'NHNN'],
  ['TTCP', 'government_agency', 'Thanh tra Chính phủ', 'TTCP'],
];

/** "Lạng Sơn" -> "LANG_SON" */
export const provinceCode = (name: string) =>
  name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'D')
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '_')
    .replace(/^_|_$/g, '');

export function provinceCommitteeName(name: string, type: string): string {
  if (/^thành phố /i.test(name)) return `Ủy ban nhân dân ${name}`;
  return `Ủy ban nhân dân ${type === 'city' ? 'thành phố' : 'tỉnh'} ${name}`;
}

/**
 * The reference tree: the Government Office at the root, the ministries and
 * ministerial-level agencies, the steering committee of the seed meeting, and
 * the People's Committees of the 34 provincial-level units (from 2025-07-01),
 * with the Lạng Sơn departments that attend in the seed reports.
 */
export function referenceOrganizations(): ReferenceOrganization[] {
  const out: ReferenceOrganization[] = [
    { key: 'VPCP', parentKey: null, kind: 'government_office', name: 'Văn phòng Chính phủ', shortName: 'VPCP', code: 'VPCP' },
    {
      key: 'BCD22',
      parentKey: 'VPCP',
      kind: 'steering_committee',
      name: 'Ban Chỉ đạo xây dựng Đề án “Tổng kết 10 năm thực hiện Nghị quyết số 22-NQ/TW về hội nhập quốc tế”',
      shortName: 'Ban Chỉ đạo Nghị quyết 22',
      code: 'BCD22',
    },
  ];
  for (const [code, kind, name, shortName] of CENTRAL) {
    out.push({ key: code, parentKey: 'VPCP', kind, name, shortName, code });
  }
  for (const unit of provinces34.units) {
    const code = provinceCode(unit.name);
    out.push({
      key: code,
      parentKey: 'VPCP',
      kind: 'province',
      name: provinceCommitteeName(unit.name, unit.type),
      shortName: unit.name,
      code,
      provinceType: unit.type as 'city' | 'province',
      formedFrom: unit.formedFrom,
    });
  }
  const lsDepartments: [string, OrganizationKind, string][] = [
    ['LS_VP', 'department', 'Văn phòng UBND tỉnh Lạng Sơn'],
    ['LS_SNV', 'department', 'Sở Ngoại vụ tỉnh Lạng Sơn'],
    ['LS_STC', 'department', 'Sở Tài chính tỉnh Lạng Sơn'],
    ['LS_SCT', 'department', 'Sở Công Thương tỉnh Lạng Sơn'],
    ['LS_CA', 'department', 'Công an tỉnh Lạng Sơn'],
    ['LS_BDBP', 'department', 'Bộ Chỉ huy Bộ đội Biên phòng tỉnh Lạng Sơn'],
    ['LS_BCDHNQT', 'steering_committee', 'Ban Chỉ đạo Hội nhập quốc tế tỉnh Lạng Sơn'],
  ];
  for (const [code, kind, name] of lsDepartments) {
    out.push({ key: code, parentKey: 'LANG_SON', kind, name, shortName: null, code });
  }
  return out;
}
