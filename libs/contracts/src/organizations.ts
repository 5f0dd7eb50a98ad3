import { z } from 'zod';
import { matching } from './errors';
import { inputString, nameText, optionalNameText, pageSchema, paginationSchema } from './common';

export const ORGANIZATION_KINDS = [
  'government_office',
  'ministry',
  'government_agency',
  'steering_committee',
  'province',
  /** a commune, ward or special zone (xã, phường, đặc khu) under its province, since 2025-07-01 */
  'commune',
  'department',
  'other',
] as const;
export const organizationKindSchema = z.enum(ORGANIZATION_KINDS);
export type OrganizationKind = z.infer<typeof organizationKindSchema>;

export const organizationSchema = z.object({
  id: z.uuid(),
  parentId: z.uuid().nullable(),
  kind: organizationKindSchema,
  name: z.string(),
  shortName: z.string().nullable(),
  code: z.string().nullable(),
  /** for provinces: 'city' (centrally-run) or 'province' */
  provinceType: z.enum(['city', 'province']).nullable(),
  /** for provinces formed in 2025: the units it was formed from */
  formedFrom: z.array(z.string()),
  childCount: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Organization = z.infer<typeof organizationSchema>;

const codeSchema = matching(inputString().trim().toUpperCase(), /^[A-Z0-9_-]{1,32}$/, 'organization_code_format', 'must be 1-32 characters: A-Z, 0-9, dash, underscore');

export const createOrganizationRequestSchema = z
  .object({
    parentId: z.uuid().nullable().default(null),
    kind: organizationKindSchema,
    name: nameText(300),
    shortName: optionalNameText(100),
    code: codeSchema.nullish().transform((c) => c ?? null),
    provinceType: z.enum(['city', 'province']).nullish().transform((v) => v ?? null),
    formedFrom: z.array(nameText(200)).max(10).default([]),
  })
  .strict();
export type CreateOrganizationRequest = z.input<typeof createOrganizationRequestSchema>;

export const updateOrganizationRequestSchema = z
  .object({
    parentId: z.uuid().nullable().optional(),
    kind: organizationKindSchema.optional(),
    name: nameText(300).optional(),
    shortName: optionalNameText(100).optional(),
    code: codeSchema.nullable().optional(),
    provinceType: z.enum(['city', 'province']).nullable().optional(),
    formedFrom: z.array(nameText(200)).max(10).optional(),
  })
  .strict();
export type UpdateOrganizationRequest = z.input<typeof updateOrganizationRequestSchema>;

export const listOrganizationsQuerySchema = paginationSchema
  .extend({
    q: inputString().max(200).optional(),
    kind: organizationKindSchema.optional(),
    parentId: z.uuid().optional(),
  })
  .strict();
export type ListOrganizationsQuery = z.input<typeof listOrganizationsQuerySchema>;

/**
 * A provincial-level unit of before 2025-07-01 whose name the search matched, and the
 * unit it is part of now ("Hòa Bình" -> "Phú Thọ"): the list says so above its rows.
 */
export const formerUnitSchema = z.object({ name: z.string(), now: z.string(), organizationId: z.uuid().nullable() });
export type FormerUnit = z.infer<typeof formerUnitSchema>;

export const organizationPageSchema = pageSchema(organizationSchema).extend({ formerUnits: z.array(formerUnitSchema) });
export type OrganizationPage = z.infer<typeof organizationPageSchema>;

// ---- communes: the authoritative list an administrator imports ----

/** A commune list from CSV or .xlsx: columns Tỉnh/thành phố, Tên (e.g. "Xã Tân Thành"), optionally Loại (Xã/Phường/Đặc khu) and Mã. */
export const importCommunesRequestSchema = z.union([
  z.object({ csv: inputString().min(1).max(2_000_000) }).strict(),
  z.object({ xlsxBase64: z.base64().min(1).max(2_800_000) }).strict(),
]);
export type ImportCommunesRequest = z.input<typeof importCommunesRequestSchema>;

export const importCommunesResultSchema = z.object({
  /** rows read, header excluded */
  rows: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  /** communes already known in the list's provinces that the list does not name (kept: meetings may refer to them) */
  notListed: z.number().int(),
});
export type ImportCommunesResult = z.infer<typeof importCommunesResultSchema>;
