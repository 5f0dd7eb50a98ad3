"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.BACKOFF_BASE_MS = exports.DEFAULT_ATTEMPTS = exports.QueueDriver = void 0;
exports.assertHandlers = assertHandlers;
/** The queue interface producers use; BullMQ behind it when Redis is configured. */
class QueueDriver {
}
exports.QueueDriver = QueueDriver;
exports.DEFAULT_ATTEMPTS = 5;
/** 1 s, 2 s, 4 s, 8 s ... between attempts */
exports.BACKOFF_BASE_MS = 1000;
function assertHandlers(handlers, names) {
    const missing = names.filter((n) => typeof handlers[n] !== 'function');
    const extra = Object.keys(handlers).filter((n) => !names.includes(n));
    if (missing.length || extra.length) {
        throw new Error(`Job handlers do not match the job list: missing [${missing.join(', ')}], unknown [${extra.join(', ')}]`);
    }
}
//# sourceMappingURL=queue.driver.js.map