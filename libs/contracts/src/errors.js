"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.apiErrorSchema = exports.fieldErrorSchema = void 0;
const zod_1 = require("zod");
/** One invalid field of a request, as every 4xx answer names it. */
exports.fieldErrorSchema = zod_1.z.object({
    field: zod_1.z.string(),
    reason: zod_1.z.string(),
});
/** The body of every error answer, REST and socket ack alike. */
exports.apiErrorSchema = zod_1.z.object({
    statusCode: zod_1.z.number().int(),
    code: zod_1.z.string(),
    message: zod_1.z.string(),
    fields: zod_1.z.array(exports.fieldErrorSchema).optional(),
    details: zod_1.z.record(zod_1.z.string(), zod_1.z.unknown()).optional(),
    correlationId: zod_1.z.string(),
});
//# sourceMappingURL=errors.js.map