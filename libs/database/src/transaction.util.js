"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.PG_FOREIGN_KEY_VIOLATION = exports.PG_UNIQUE_VIOLATION = void 0;
exports.pgErrorCode = pgErrorCode;
exports.pgConstraint = pgConstraint;
/** PostgreSQL error codes the services turn into 4xx answers. */
exports.PG_UNIQUE_VIOLATION = '23505';
exports.PG_FOREIGN_KEY_VIOLATION = '23503';
function pgErrorCode(err) {
    const e = err;
    return e?.driverError?.code ?? e?.code;
}
function pgConstraint(err) {
    const e = err;
    return e?.driverError?.constraint ?? e?.constraint;
}
//# sourceMappingURL=transaction.util.js.map