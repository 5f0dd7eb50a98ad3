"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.listOrganizationsQuerySchema = exports.updateOrganizationRequestSchema = exports.createOrganizationRequestSchema = exports.organizationSchema = exports.organizationKindSchema = exports.ORGANIZATION_KINDS = void 0;
const zod_1 = require("zod");
const common_1 = require("./common");
exports.ORGANIZATION_KINDS = [
    'government_office',
    'ministry',
    'government_agency',
    'steering_committee',
    'province',
    'department',
    'other',
];
exports.organizationKindSchema = zod_1.z.enum(exports.ORGANIZATION_KINDS);
exports.organizationSchema = zod_1.z.object({
    id: zod_1.z.uuid(),
    parentId: zod_1.z.uuid().nullable(),
    kind: exports.organizationKindSchema,
    name: zod_1.z.string(),
    shortName: zod_1.z.string().nullable(),
    code: zod_1.z.string().nullable(),
    /** for provinces: 'city' (centrally-run) or 'province' */
    provinceType: zod_1.z.enum(['city', 'province']).nullable(),
    /** for provinces formed in 2025: the units it was formed from */
    formedFrom: zod_1.z.array(zod_1.z.string()),
    childCount: zod_1.z.number().int(),
    createdAt: zod_1.z.string(),
    updatedAt: zod_1.z.string(),
});
const codeSchema = zod_1.z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z0-9_-]{1,32}$/, 'must be 1-32 characters: A-Z, 0-9, dash, underscore');
exports.createOrganizationRequestSchema = zod_1.z
    .object({
    parentId: zod_1.z.uuid().nullable().default(null),
    kind: exports.organizationKindSchema,
    name: (0, common_1.text)(300),
    shortName: (0, common_1.optionalText)(100),
    code: codeSchema.nullish().transform((c) => c ?? null),
    provinceType: zod_1.z.enum(['city', 'province']).nullish().transform((v) => v ?? null),
    formedFrom: zod_1.z.array((0, common_1.text)(200)).max(10).default([]),
})
    .strict();
exports.updateOrganizationRequestSchema = zod_1.z
    .object({
    parentId: zod_1.z.uuid().nullable().optional(),
    kind: exports.organizationKindSchema.optional(),
    name: (0, common_1.text)(300).optional(),
    shortName: (0, common_1.optionalText)(100).optional(),
    code: codeSchema.nullable().optional(),
    provinceType: zod_1.z.enum(['city', 'province']).nullable().optional(),
    formedFrom: zod_1.z.array((0, common_1.text)(200)).max(10).optional(),
})
    .strict();
exports.listOrganizationsQuerySchema = common_1.paginationSchema
    .extend({
    q: zod_1.z.string().max(200).optional(),
    kind: exports.organizationKindSchema.optional(),
    parentId: zod_1.z.uuid().optional(),
})
    .strict();
//# sourceMappingURL=organizations.js.map