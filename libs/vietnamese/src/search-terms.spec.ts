import provinces34 from '../../../apps/api/src/organizations/seed/provinces-vn-34.json';
import provinces63 from '../../../apps/api/src/organizations/seed/provinces-vn-63.json';
import { FORMER_PROVINCES, formerProvincesMatching, searchDocument, searchTerms } from './search-terms';

/** The query matches the stored document as the services ask PostgreSQL: every term a substring. */
const finds = (stored: string, query: string) => {
  const doc = searchDocument(stored);
  return searchTerms(query).every((t) => doc.includes(t));
};

describe('search that knows the abbreviations of Vietnamese administration', () => {
  it.each([
    ['UBND tỉnh Lạng Sơn', 'ủy ban nhân dân lạng sơn'],
    ['Ủy ban nhân dân tỉnh Lạng Sơn', 'UBND Lạng Sơn'],
    ['Ủy ban nhân dân tỉnh Lạng Sơn', 'ubnd lang son'],
    ['Hội đồng nhân dân tỉnh Cao Bằng', 'HĐND Cao Bằng'],
    ['Sở Tài nguyên và Môi trường tỉnh Lạng Sơn', 'Sở TN&MT'],
    ['Sở TN&MT tỉnh Lạng Sơn', 'sở tài nguyên và môi trường'],
    ['Ủy ban nhân dân Thành phố Hồ Chí Minh', 'UBND TP.HCM'],
    ['Ủy ban nhân dân thành phố Đà Nẵng', 'TP Đà Nẵng'],
    ['Bộ Giáo dục và Đào tạo', 'GD&ĐT'],
    ['Văn phòng UBND tỉnh Lạng Sơn', 'văn phòng ủy ban'],
    ['Văn phòng UBND tỉnh Lạng Sơn', 'ubnd'],
    ['Lạng Sơn', 'lang son'],
    ['Lạng Sơn', 'ạng S'],
  ])('%s is found by “%s”', (stored, query) => expect(finds(stored, query)).toBe(true));

  it.each([
    ['Ủy ban nhân dân tỉnh Lạng Sơn', 'HĐND'],
    ['Sở Tài chính tỉnh Lạng Sơn', 'Sở TN&MT'],
    ['Ủy ban nhân dân tỉnh Cao Bằng', 'lang son'],
  ])('%s is not found by “%s”', (stored, query) => expect(finds(stored, query)).toBe(false));

  it('keeps a blank query blank and the terms unique', () => {
    expect(searchTerms('   ')).toEqual([]);
    expect(searchTerms('UBND ủy ban')).toEqual(['uy', 'ban', 'nhan', 'dan']);
  });
});

describe('the provincial-level units before 2025', () => {
  it('maps every one of the 63 former units to one of the 34 current ones, as the seed files say', () => {
    const current = new Set(provinces34.units.map((u) => u.name));
    expect([...FORMER_PROVINCES.keys()].sort()).toEqual(provinces63.units.map((u) => u.name).sort());
    for (const unit of provinces34.units) for (const f of unit.formedFrom) expect(FORMER_PROVINCES.get(f)).toBe(unit.name);
    for (const now of FORMER_PROVINCES.values()) expect(current.has(now)).toBe(true);
  });

  it('says that Hòa Bình is now part of Phú Thọ, from any spelling', () => {
    expect(formerProvincesMatching('Hòa Bình')).toEqual([{ name: 'Hòa Bình', now: 'Phú Thọ' }]);
    expect(formerProvincesMatching('hoa binh')).toEqual([{ name: 'Hòa Bình', now: 'Phú Thọ' }]);
    expect(formerProvincesMatching('tỉnh Hoà Bình')).toEqual([{ name: 'Hòa Bình', now: 'Phú Thọ' }]);
    expect(formerProvincesMatching('Hà Giang')).toEqual([{ name: 'Hà Giang', now: 'Tuyên Quang' }]);
  });

  it('says nothing of units that kept their name, or of a query too short to mean one', () => {
    expect(formerProvincesMatching('Lạng Sơn')).toEqual([]);
    expect(formerProvincesMatching('hb')).toEqual([]);
    expect(formerProvincesMatching('Bộ Tài chính')).toEqual([]);
  });
});
