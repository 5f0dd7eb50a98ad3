import { z } from 'zod';
import { matching } from './errors';
import { roleAssignmentSchema, roleSchema } from './roles';
import { inputString, nameText, paginationSchema, POSITION_MAX, type Aligned, type Assert } from './common';

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

/** The password rule the form states before submit; the server also refuses common or guessable ones (password_too_weak). */
export const PASSWORD_MIN_LENGTH = 10;
export const passwordSchema = inputString()
  .min(PASSWORD_MIN_LENGTH, 'must be at least 10 characters')
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
  /** an administrator reset the password: nothing but changing it is allowed until it is changed */
  mustChangePassword: z.boolean(),
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
    position: nameText(POSITION_MAX).optional(),
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
    position: nameText(POSITION_MAX).nullable().optional(),
    organizationId: z.uuid().optional(),
    locale: localeSchema.optional(),
    disabled: z.boolean().optional(),
    roles: z.array(roleAssignmentSchema).max(20).optional(),
  })
  .strict();
export type UpdateAccountRequest = z.input<typeof updateAccountRequestSchema>;

export const loginResponseSchema = z.object({ accessToken: z.string(), expiresIn: z.number(), account: accountViewSchema });
export type _AuthSchemasAligned = [Assert<Aligned<z.output<typeof loginResponseSchema>, LoginResponse>>];

export const ACCOUNT_SORTS = ['name', 'organization', 'lastSignIn'] as const;
export type AccountSort = (typeof ACCOUNT_SORTS)[number];

export const listAccountsQuerySchema = paginationSchema
  .extend({
    q: inputString().max(200).optional(),
    organizationId: z.uuid().optional(),
    role: roleSchema.optional(),
    /** name: by given name (Vietnamese order); organization: by the organization's name, then name; lastSignIn: most recent first, never last */
    sort: z.enum(ACCOUNT_SORTS).default('name'),
  })
  .strict();

/** A row of the accounts list: the account, the names of the organizations it mentions, and when it last signed in. */
export const accountListItemSchema = accountViewSchema.extend({
  organizationName: z.string(),
  /** organization id -> name, for every organization its roles are held in */
  organizationNames: z.record(z.string(), z.string()),
  lastSignInAt: z.string().nullable(),
});
export type AccountListItem = z.infer<typeof accountListItemSchema>;

/** An administrator sets a temporary password; the account must change it at its next sign-in, and its sessions end. */
export const resetPasswordRequestSchema = z.object({ password: passwordSchema }).strict();
export type ResetPasswordRequest = z.infer<typeof resetPasswordRequestSchema>;

/** People to name as chair, secretary or operator: a bare list of at most `limit` best matches (no paging: refine `q`). */
export const peopleQuerySchema = z
  .object({ q: inputString().max(200).optional(), role: roleSchema.optional(), limit: z.coerce.number().int().min(1).max(100).default(20) })
  .strict();
export const personSchema = z.object({ id: z.string(), fullName: z.string(), position: z.string().nullable(), organizationId: z.string() });
