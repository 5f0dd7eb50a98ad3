import provinces63 from '../../../apps/api/src/organizations/seed/provinces-vn-63.json';
import provinces34 from '../../../apps/api/src/organizations/seed/provinces-vn-34.json';
import { compareVietnamese, escapeLike, foldForSearch, vietnameseSortKey } from './vietnamese';

const icu = new Intl.Collator('vi');

describe('foldForSearch', () => {
  it.each([
    ['Lạng Sơn', 'lang son'],
    ['Đoàn Thu Hà', 'doan thu ha'],
    ['ĐẮK LẮK', 'dak lak'],
    ['Hoà Bình', 'hoa binh'],
    ['Thủy  \t Nguyên', 'thuy nguyen'],
    ['Thành phố Hồ Chí Minh', 'thanh pho ho chi minh'],
  ])('%s -> %s', (input, folded) => expect(foldForSearch(input)).toBe(folded));

  it('folds composed and decomposed forms alike', () => {
    expect(foldForSearch('Hòa'.normalize('NFD'))).toBe(foldForSearch('Hòa'.normalize('NFC')));
  });
});

describe('vietnameseSortKey', () => {
  const byKey = (names: string[]) => [...names].sort((a, b) => compareVietnamese(a, b));

  it('orders all 63 former and 34 current provincial units as ICU Vietnamese does', () => {
    const names = [...provinces63.units, ...provinces34.units].map((u) => u.name);
    expect(byKey(names)).toEqual([...names].sort(icu.compare));
  });

  it('puts Đ after D as its own letter ("Đoàn" sorts under Đ)', () => {
    expect(byKey(['Đoàn', 'Dung', 'Đắk Lắk', 'Lạng Sơn', 'Doãn'])).toEqual(['Doãn', 'Dung', 'Đắk Lắk', 'Đoàn', 'Lạng Sơn']);
  });

  it('orders modified letters a < ă < â, o < ô < ơ, u < ư', () => {
    expect(byKey(['ơ', 'â', 'ư', 'ô', 'a', 'u', 'ă', 'o'])).toEqual(['a', 'ă', 'â', 'o', 'ô', 'ơ', 'u', 'ư']);
  });

  it('tells tones apart only after the letters, like ICU', () => {
    const words = ['mạ', 'má', 'mã', 'mả', 'mà', 'ma', 'mac', 'Ma'];
    expect(byKey(words)).toEqual([...words].sort(icu.compare));
  });

  it('is the same for composed and decomposed input', () => {
    expect(vietnameseSortKey('Thủy'.normalize('NFD'))).toBe(vietnameseSortKey('Thủy'.normalize('NFC')));
  });

  it('orders a word before its longer continuations and digits before letters', () => {
    expect(byKey(['Hàm', 'Hà Nội', 'Hà', 'A2', 'A10'])).toEqual([...['Hàm', 'Hà Nội', 'Hà', 'A2', 'A10']].sort(icu.compare));
  });
});

describe('escapeLike', () => {
  it('escapes the LIKE wildcards', () => expect(escapeLike('50%_a\\b')).toBe('50\\%\\_a\\\\b'));
});
