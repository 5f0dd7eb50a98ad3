"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.updateAccountRequestSchema = exports.createAccountRequestSchema = exports.usernameSchema = exports.accountViewSchema = exports.changePasswordRequestSchema = exports.passwordSchema = exports.loginRequestSchema = exports.localeSchema = exports.LOCALES = void 0;
const zod_1 = require("zod");
const roles_1 = require("./roles");
const common_1 = require("./common");
exports.LOCALES = ['vi', 'en'];
exports.localeSchema = zod_1.z.enum(exports.LOCALES);
exports.loginRequestSchema = zod_1.z
    .object({
    username: zod_1.z.string().trim().toLowerCase().min(1).max(64),
    password: zod_1.z.string().min(1).max(256),
})
    .strict();
exports.passwordSchema = zod_1.z
    .string()
    .min(10, 'must be at least 10 characters')
    .max(256, 'must be at most 256 characters');
exports.changePasswordRequestSchema = zod_1.z
    .object({
    currentPassword: zod_1.z.string().min(1).max(256),
    newPassword: exports.passwordSchema,
})
    .strict();
exports.accountViewSchema = zod_1.z.object({
    id: zod_1.z.uuid(),
    username: zod_1.z.string(),
    fullName: zod_1.z.string(),
    position: zod_1.z.string().nullable(),
    organizationId: zod_1.z.uuid(),
    locale: exports.localeSchema,
    disabled: zod_1.z.boolean(),
    roles: zod_1.z.array(roles_1.roleAssignmentSchema),
});
exports.usernameSchema = zod_1.z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9._-]{3,64}$/, 'must be 3-64 characters: a-z, 0-9, dot, dash, underscore');
exports.createAccountRequestSchema = zod_1.z
    .object({
    username: exports.usernameSchema,
    fullName: (0, common_1.text)(200),
    position: (0, common_1.text)(200).optional(),
    password: exports.passwordSchema,
    organizationId: zod_1.z.uuid(),
    locale: exports.localeSchema.default('vi'),
    roles: zod_1.z.array(roles_1.roleAssignmentSchema).max(20).default([]),
})
    .strict();
exports.updateAccountRequestSchema = zod_1.z
    .object({
    fullName: (0, common_1.text)(200).optional(),
    position: (0, common_1.text)(200).nullable().optional(),
    organizationId: zod_1.z.uuid().optional(),
    locale: exports.localeSchema.optional(),
    disabled: zod_1.z.boolean().optional(),
    roles: zod_1.z.array(roles_1.roleAssignmentSchema).max(20).optional(),
})
    .strict();
//# sourceMappingURL=auth.js.map