import { z } from 'zod';
import { matching } from './errors';
import { roleAssignmentSchema, roleSchema } from './roles';
import { nameText, paginationSchema, type Aligned, type Assert, inputString, text } from './common';

export const LOCALES = ['vi', 'en'] as const;
export const localeSchema = z.enum(LOCALES);
export type Locale = z.infer<typeof localeSchema>;

export const loginRequestSchema = z
  .object({
    username: inputString().trim().toLowerCase().min(1).max(64),
    password: inputString().min(1).max(256),
  })
  .strict();
export type LoginRequest = z.infer<typeof loginRequestSchema>;

export const passwordSchema = inputString()
  .min(10, 'must be at least 10 characters')
  .max(256, 'must be at most 256 characters');

export const changePasswordRequestSchema = z
  .object({
    currentPassword: inputString().min(1).max(256),
    newPassword: passwordSchema,
  })
  .strict();
export type ChangePasswordRequest = z.infer<typeof changePasswordRequestSchema>;

export const accountViewSchema = z.object({
  id: z.uuid(),
  username: z.string(),
  fullName: z.string(),
  position: z.string().nullable(),
  organizationId: z.uuid(),
  locale: localeSchema,
  disabled: z.boolean(),
  roles: z.array(roleAssignmentSchema),
});
export type AccountView = z.infer<typeof accountViewSchema>;

export interface LoginResponse {
  accessToken: string;
  /** seconds until the access token expires */
  expiresIn: number;
  account: AccountView;
}

/** Claims of the short-lived access token (JWT). */
export interface AccessTokenClaims {
  sub: string;
  sid: string;
  roles: { role: string; organizationId: string }[];
}

export const usernameSchema = matching(
  inputString().trim().toLowerCase(),
  /^[a-z0-9._-]{3,64}$/,
  'username_format',
  'must be 3-64 characters: a-z, 0-9, dot, dash, underscore',
);

export const createAccountRequestSchema = z
  .object({
    username: usernameSchema,
    fullName: nameText(200),
    position: nameText(200).optional(),
    password: passwordSchema,
    organizationId: z.uuid(),
    locale: localeSchema.default('vi'),
    roles: z.array(roleAssignmentSchema).max(20).default([]),
  })
  .strict();
export type CreateAccountRequest = z.input<typeof createAccountRequestSchema>;

export const updateAccountRequestSchema = z
  .object({
    fullName: nameText(200).optional(),
    position: nameText(200).nullable().optional(),
    organizationId: z.uuid().optional(),
    locale: localeSchema.optional(),
    disabled: z.boolean().optional(),
    roles: z.array(roleAssignmentSchema).max(20).optional(),
  })
  .strict();
export type UpdateAccountRequest = z.input<typeof updateAccountRequestSchema>;

export const loginResponseSchema = z.object({ accessToken: z.string(), expiresIn: z.number(), account: accountViewSchema });
export type _AuthSchemasAligned = [Assert<Aligned<z.output<typeof loginResponseSchema>, LoginResponse>>];

export const listAccountsQuerySchema = paginationSchema
  .extend({ q: inputString().max(200).optional(), organizationId: z.uuid().optional() })
  .strict();

/** People to name as chair, secretary or operator: a bare list of at most `limit` best matches (no paging: refine `q`). */
export const peopleQuerySchema = z
  .object({ q: inputString().max(200).optional(), role: roleSchema.optional(), limit: z.coerce.number().int().min(1).max(100).default(20) })
  .strict();
export const personSchema = z.object({ id: z.string(), fullName: z.string(), position: z.string().nullable(), organizationId: z.string() });
