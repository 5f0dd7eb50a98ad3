"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.paginationSchema = exports.optionalText = exports.text = exports.uuidSchema = void 0;
const zod_1 = require("zod");
exports.uuidSchema = zod_1.z.uuid();
/** Trimmed, non-empty text of bounded length; Vietnamese is stored NFC so equal names compare equal. */
const text = (max, min = 1) => zod_1.z
    .string()
    .transform((s) => s.normalize('NFC').trim())
    .pipe(zod_1.z.string().min(min).max(max));
exports.text = text;
const optionalText = (max) => zod_1.z
    .string()
    .transform((s) => s.normalize('NFC').trim())
    .pipe(zod_1.z.string().max(max))
    .nullish()
    .transform((s) => (s ? s : null));
exports.optionalText = optionalText;
exports.paginationSchema = zod_1.z.object({
    limit: zod_1.z.coerce.number().int().min(1).max(500).default(50),
    offset: zod_1.z.coerce.number().int().min(0).max(1_000_000).default(0),
});
//# sourceMappingURL=common.js.map