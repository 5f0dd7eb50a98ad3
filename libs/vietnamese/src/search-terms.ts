import { FORMER_PROVINCES } from './former-provinces-data';
import { foldForSearch } from './vietnamese';

/**
 * The abbreviations of Vietnamese administration, folded (see foldForSearch), with what they stand
 * for. Written either way, a name is found: "UBND tỉnh Lạng Sơn" by "ủy ban nhân dân lạng sơn" and
 * "Sở Tài nguyên và Môi trường" by "Sở TN&MT". Only abbreviations that mean one thing in an
 * administrative name are listed ("TT" is thông tin, thị trấn or trung tâm: not listed).
 */
const ABBREVIATIONS: Record<string, string> = {
  ubnd: 'uy ban nhan dan',
  hdnd: 'hoi dong nhan dan',
  mttq: 'mat tran to quoc',
  tp: 'thanh pho',
  tphcm: 'thanh pho ho chi minh',
  hcm: 'ho chi minh',
  tx: 'thi xa',
  vp: 'van phong',
  vpcp: 'van phong chinh phu',
  bcd: 'ban chi dao',
  bch: 'bo chi huy',
  bdbp: 'bo doi bien phong',
  ttcp: 'thanh tra chinh phu',
  nhnn: 'ngan hang nha nuoc',
  tnmt: 'tai nguyen va moi truong',
  nnmt: 'nong nghiep va moi truong',
  nnptnt: 'nong nghiep va phat trien nong thon',
  gddt: 'giao duc va dao tao',
  khcn: 'khoa hoc va cong nghe',
  khdt: 'ke hoach va dau tu',
  vhttdl: 'van hoa the thao va du lich',
  ldtbxh: 'lao dong thuong binh va xa hoi',
  gtvt: 'giao thong van tai',
  tttt: 'thong tin va truyen thong',
  dttg: 'dan toc va ton giao',
  ct: 'cong thuong',
};

/** "tn&mt", "tn-mt", "tp.", "t.p" -> the letters alone, when they spell an abbreviation. */
function abbreviationOf(word: string): string | undefined {
  const letters = word.replace(/[&.\-/,]/g, '');
  return Object.hasOwn(ABBREVIATIONS, letters) ? ABBREVIATIONS[letters] : undefined;
}

/** Folded words, with every abbreviation written out: "Sở TN&MT" -> ["so", "tai", "nguyen", "va", "moi", "truong"]. */
export function expandedWords(input: string): string[] {
  const out: string[] = [];
  for (const word of foldForSearch(input).split(/[\s,;()“”"«»]+/)) {
    if (!word) continue;
    const full = abbreviationOf(word);
    if (full) out.push(...full.split(' '));
    else {
      const plain = word.replace(/^[.\-/&]+|[.\-/&:]+$/g, '');
      if (plain) out.push(plain);
    }
  }
  return out;
}

/**
 * What a record stores for search: its texts folded, plus the same with the abbreviations written out
 * when that differs, so that a query matches it whichever way either is written.
 */
export function searchDocument(...texts: (string | null | undefined)[]): string {
  const folded = foldForSearch(texts.filter(Boolean).join(' '));
  const expanded = expandedWords(folded).join(' ');
  return expanded && expanded !== folded ? `${folded} ${expanded}` : folded;
}

/**
 * The words a query must all contain (each as a substring of the stored searchDocument), abbreviations
 * written out: "UBND Lạng Sơn" -> ["uy", "ban", "nhan", "dan", "lang", "son"]. Empty for a blank query.
 */
export function searchTerms(query: string): string[] {
  return [...new Set(expandedWords(query))];
}

/**
 * The pre-2025 provincial-level units a query names, each with the unit it is part of now: "hoa binh"
 * -> [{ name: "Hòa Bình", now: "Phú Thọ" }]. Units that kept their name ("Hà Nội") are left out, and a
 * query of fewer than 3 letters matches none.
 */
export function formerProvincesMatching(query: string): { name: string; now: string }[] {
  const words = searchTerms(query).filter((w) => !['tinh', 'thanh', 'pho', 'uy', 'ban', 'nhan', 'dan'].includes(w));
  if (words.join('').length < 3) return [];
  // A query that names a unit exactly ("Hà Giang") means that one, not every unit its words begin ("Hậu Giang").
  const wanted = words.join(' ');
  const moved = [...FORMER_PROVINCES].filter(([name, now]) => name !== now);
  const exact = moved.filter(([name]) => foldForSearch(name) === wanted);
  const matched = exact.length
    ? exact
    : moved.filter(([name]) => {
        const nameWords = foldForSearch(name).split(' ');
        return words.every((w) => nameWords.some((n) => n.startsWith(w)));
      });
  return matched.map(([name, now]) => ({ name, now }));
}

export { FORMER_PROVINCES };
