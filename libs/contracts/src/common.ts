import { z } from 'zod';
import { normalizeName } from '@app/vietnamese';
import { fieldRule } from './errors';

export const uuidSchema = z.uuid();

/**
 * What no text can hold: NUL (PostgreSQL text refuses it, and C libraries cut the string there) and a
 * UTF-16 surrogate without its pair (JSON lets "\ud800" through, but it is no character: it has no UTF-8).
 */
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
export const isStorableText = (s: string) => !UNSTORABLE.test(s);
const storable = fieldRule('text_characters', 'contains a NUL character or a lone surrogate');

/**
 * The one string every request field, query and parameter starts from: any text a person can type,
 * nothing that cannot be stored. Chain the usual checks on it (`inputString().trim().max(64)`).
 */
export const inputString = () => z.string().refine(isStorableText, storable);
/** An address people paste (http or https); its checks let a NUL through, so it is held to the same rule. */
export const inputUrl = (protocol = /^https?$/) => z.url({ protocol }).refine(isStorableText, storable);

/** Trimmed, non-empty text of bounded length; Vietnamese is stored NFC so equal names compare equal. */
export const text = (max: number, min = 1) =>
  inputString()
    .transform((s) => s.normalize('NFC').trim())
    .pipe(z.string().min(min).max(max));

export const optionalText = (max: number) =>
  inputString()
    .transform((s) => s.normalize('NFC').trim())
    .pipe(z.string().max(max))
    .nullish()
    .transform((s) => (s ? s : null));

/**
 * A name (of a person, position, unit, organization, site or meeting) as it is
 * stored: `text` after normalizeName (NFC, Ð as Đ, no bidi controls), so "Ðặng"
 * pasted from Word is the same name as "Đặng" and a name cannot reorder what
 * is shown around it. Composes with `text`: whatever `text` checks still runs.
 */
export const nameText = (max: number, min = 1) => z.string().transform(normalizeName).pipe(text(max, min));

/** An optional name: `optionalText` after normalizeName. */
export const optionalNameText = (max: number) => z.string().transform(normalizeName).nullish().pipe(optionalText(max));

export const paginationSchema = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

/** The one shape of a paged list: `items` from `offset`, at most `limit`, of `total`. */
export const pageSchema = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), total: z.number().int(), limit: z.number().int(), offset: z.number().int() });

/**
 * Type-level guard that a response schema and the interface clients use describe the
 * same shape (each assignable to the other): `type _ = Aligned<z.output<typeof s>, T>`
 * stops compiling when one of them drifts.
 */
export type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export type Aligned<A, B> = Same<A, B> extends true ? true : { schema: A; interface: B };
export type Assert<T extends true> = T;
