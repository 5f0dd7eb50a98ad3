/**
 * Text that crosses into a file or a screen someone else opens must not act on
 * its reader. Two attacks matter for the names and notes this platform stores:
 *
 * - Bidirectional controls (U+202A–U+202E embeddings and overrides, U+2066–U+2069
 *   isolates; "Trojan Source", CVE-2021-42574) make "Nguyễn Văn A\u202Egnp.exe"
 *   display reordered, so a name or a file name reads as something it is not.
 * - Spreadsheet formulas (OWASP "CSV Injection"): a cell starting with =, +, -, @,
 *   tab or carriage return is evaluated by Excel and LibreOffice on open
 *   (=HYPERLINK(...) leaks data, DDE runs commands).
 */

/** Every bidirectional embedding, override and isolate control (not the LRM/RLM marks, which reorder nothing past a neighbour). */
export const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g;

/** The text without bidirectional controls: what is shown is the order it was typed in. */
export const stripBidiControls = (text: string): string => text.replace(BIDI_CONTROLS, '');

/** True when the text carries a bidirectional control. */
export const hasBidiControls = (text: string): boolean => /[\u202A-\u202E\u2066-\u2069]/.test(text);

/**
 * A name as it is stored: NFC, bidirectional controls removed, and Ð/ð
 * (U+00D0/U+00F0, the Icelandic eth that Word, some IMEs and scanned lists
 * give for Đ) replaced by the Vietnamese Đ/đ (U+0110/U+0111). The two look
 * identical, so "Ðặng" pasted from Word must be the same name as "Đặng".
 */
export function normalizeName(text: string): string {
  return stripBidiControls(text.normalize('NFC')).replace(/\u00D0/g, '\u0110').replace(/\u00F0/g, '\u0111');
}

/** Text for a document (DOCX, and the PDF made from it): nothing there is evaluated, so only the bidi controls go. */
export const exportText = (value: string | null | undefined): string => stripBidiControls(value ?? '');

/** The first characters OWASP lists as starting a formula (=, +, -, @, tab, carriage return). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * A spreadsheet cell (CSV or XLSX) that a spreadsheet shows as text and never
 * evaluates: bidi controls removed, then a formula start prefixed with an
 * apostrophe, as OWASP recommends ("-2" becomes "'-2"; Excel and LibreOffice
 * read the apostrophe as "this is text"). The check runs after the bidi
 * controls are gone, so "\u202E=1" cannot hide its "=".
 */
export function exportCell(value: string | null | undefined): string {
  const text = exportText(value);
  return FORMULA_START.test(text) ? `'${text}` : text;
}
