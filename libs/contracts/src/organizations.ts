import { z } from 'zod';
import { matching } from './errors';
import { inputString, nameText, optionalNameText, pageSchema, paginationSchema } from './common';

export const ORGANIZATION_KINDS = [
  'government_office',
  'ministry',
  'government_agency',
  'steering_committee',
  'province',
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
