/**
 * Vietnamese text rules that must hold the same in PostgreSQL, PGlite and the
 * browser: accent-insensitive search folding and a byte-comparable sort key in
 * Vietnamese alphabetical order (PGlite has no ICU collation, so the database
 * compares the key with COLLATE "C" instead).
 */

import { normalizeName, stripBidiControls } from './text-safety';

const COMBINING_MARKS = /[\u0300-\u036f]/g;

/**
 * Lowercase, without diacritics, đ as d, single spaces: "Lạng  Sơn" -> "lang son".
 * Ð/ð (U+00D0/U+00F0, which look like Đ/đ and come from Word) fold to d too, and
 * bidi controls are dropped, so text stored before names were normalized is found.
 */
export function foldForSearch(input: string): string {
  return stripBidiControls(input)
    .normalize('NFD')
    .replace(COMBINING_MARKS, '')
    .replace(/[đĐðÐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** Escapes LIKE wildcards so user text matches literally (use with ESCAPE '\'). */
export function escapeLike(input: string): string {
  return input.replace(/[\\%_]/g, (c) => `\\${c}`);
}

// Letters in Vietnamese alphabetical order, with the Latin letters Vietnamese
// lacks (f, j, w, z) at their Latin places. Modified letters are letters of
// their own: a < ă < â < b, d < đ, o < ô < ơ, u < ư.
const ALPHABET = [
  'a', 'ă', 'â', 'b', 'c', 'd', 'đ', 'e', 'ê', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm',
  'n', 'o', 'ô', 'ơ', 'p', 'q', 'r', 's', 't', 'u', 'ư', 'v', 'w', 'x', 'y', 'z',
];
const LETTER_RANK = new Map(ALPHABET.map((l, i) => [l, 0x0400 + i]));

// Tones are a secondary difference: "ma" < "mà" < "mả" < "mã" < "má" < "mạ"
// compare equal at the first level and are told apart only after the letters.
const TONE_RANK = new Map<string, number>([
  ['\u0300', 1], // huyền
  ['\u0309', 2], // hỏi
  ['\u0303', 3], // ngã
  ['\u0301', 4], // sắc
  ['\u0323', 5], // nặng
]);
const LETTER_MODIFIERS = new Set(['\u0306', '\u0302', '\u031b']); // breve, circumflex, horn

const hex4 = (n: number) => n.toString(16).padStart(4, '0');

function primaryRankOf(base: string): number {
  const letter = LETTER_RANK.get(base);
  if (letter !== undefined) return letter;
  const cp = base.codePointAt(0) ?? 0;
  if (cp >= 0x30 && cp <= 0x39) return 0x0300 + (cp - 0x30); // digits before letters
  if (/\s/.test(base)) return 0x0100; // word breaks before everything else
  if (cp < 0x80) return 0x0200 + cp; // ASCII punctuation
  return Math.min(0x1000 + cp, 0xffff); // any other script after the Latin letters
}

/**
 * A key whose byte order (COLLATE "C") is Vietnamese alphabetical order:
 * letters first, then tones, then case (lower before upper), like ICU's
 * three comparison levels.
 */
export function vietnameseSortKey(input: string): string {
  const primary: string[] = [];
  const tones: string[] = [];
  const cases: string[] = [];
  // normalizeName: NFC, Ð as Đ (so "Ðặng" sorts with the Đ names), no bidi controls
  for (const cluster of splitClusters(normalizeName(input).trim().replace(/\s+/g, ' '))) {
    const decomposed = cluster.normalize('NFD');
    const lower = decomposed.toLowerCase();
    let base = lower[0];
    let tone = 0;
    for (const mark of lower.slice(1)) {
      if (LETTER_MODIFIERS.has(mark)) base = (base + mark).normalize('NFC');
      else tone = TONE_RANK.get(mark) ?? tone;
    }
    primary.push(hex4(primaryRankOf(base)));
    tones.push(tone.toString());
    cases.push(decomposed[0] !== lower[0] ? '1' : '0');
  }
  return `${primary.join('')}!${tones.join('')}!${cases.join('')}`;
}

/** Splits text into base characters with their combining marks. */
function splitClusters(nfc: string): string[] {
  const out: string[] = [];
  for (const ch of nfc) {
    if (COMBINING_MARKS.test(ch) && out.length > 0) {
      COMBINING_MARKS.lastIndex = 0;
      out[out.length - 1] += ch;
    } else {
      COMBINING_MARKS.lastIndex = 0;
      out.push(ch);
    }
  }
  return out;
}

/**
 * The sort key of a person: Vietnamese names sort by the given name (the last
 * word), then by the whole name, as a roll of officials is read.
 */
export const personSortKey = (fullName: string): string => {
  const name = normalizeName(fullName).trim();
  return vietnameseSortKey(`${name.split(/\s+/).at(-1) ?? ''} ${name}`);
};

/** Compares like vietnameseSortKey, for sorting in memory. */
export function compareVietnamese(a: string, b: string): number {
  const ka = vietnameseSortKey(a);
  const kb = vietnameseSortKey(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}
