"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.roleAssignmentSchema = exports.roleSchema = exports.ROLES = void 0;
const zod_1 = require("zod");
exports.ROLES = ['admin', 'organizer', 'chair', 'secretary', 'endpoint_operator', 'viewer'];
exports.roleSchema = zod_1.z.enum(exports.ROLES);
/** A role held within one organization (and, for admin/organizer, the bodies below it). */
exports.roleAssignmentSchema = zod_1.z
    .object({
    role: exports.roleSchema,
    organizationId: zod_1.z.uuid(),
})
    .strict();
//# sourceMappingURL=roles.js.map