"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.JOB_QUEUE = exports.QUEUE_NAMES = void 0;
/**
 * Queues and jobs: names with their payload types. Producers (api) and
 * processors (worker) both import this map; a job name that is not here
 * cannot be enqueued or handled.
 */
exports.QUEUE_NAMES = ['maintenance'];
exports.JOB_QUEUE = {
    'sessions.purge-expired': 'maintenance',
};
//# sourceMappingURL=jobs.js.map