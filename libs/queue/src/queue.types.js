"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.JOB_HANDLERS = void 0;
exports.JOB_HANDLERS = Symbol('JOB_HANDLERS');
//# sourceMappingURL=queue.types.js.map