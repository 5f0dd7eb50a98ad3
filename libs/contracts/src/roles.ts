import { z } from 'zod';

export const ROLES = ['admin', 'organizer', 'chair', 'secretary', 'endpoint_operator', 'viewer'] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

/** A role held within one organization (and, for admin/organizer, the bodies below it). */
export const roleAssignmentSchema = z
  .object({
    role: roleSchema,
    organizationId: z.uuid(),
  })
  .strict();
export type RoleAssignment = z.infer<typeof roleAssignmentSchema>;
