"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.InProcessDriver = void 0;
const common_1 = require("@nestjs/common");
const node_crypto_1 = require("node:crypto");
const contracts_1 = require("../../contracts/src/index.js");
const queue_driver_1 = require("./queue.driver");
/**
 * Runs jobs in this process, for the embedded default with no Redis. Same
 * contract as BullMQ: ids dedupe, failures retry with exponential backoff.
 * Jobs do not survive a restart, which the embedded single-process mode accepts.
 */
class InProcessDriver extends queue_driver_1.QueueDriver {
    kind = 'in-process';
    logger = new common_1.Logger(InProcessDriver.name);
    handlers;
    known = new Set();
    pending = [];
    timers = new Set();
    closed = false;
    async enqueue(name, payload, options = {}) {
        const id = options.jobId ?? (0, node_crypto_1.randomUUID)();
        if (this.known.has(id))
            return { id, name };
        this.known.add(id);
        const run = () => this.later(options.delayMs ?? 0, () => void this.run(name, payload, id, 1, options.attempts ?? queue_driver_1.DEFAULT_ATTEMPTS));
        if (this.handlers)
            run();
        else
            this.pending.push(run);
        return { id, name };
    }
    async schedule(schedulerId, name, payload, everyMs) {
        if (this.known.has(`scheduler:${schedulerId}`))
            return;
        this.known.add(`scheduler:${schedulerId}`);
        const tick = () => this.later(everyMs, () => {
            void this.enqueue(name, payload, { jobId: `${schedulerId}:${Date.now()}` });
            tick();
        });
        tick();
    }
    async consume(handlers) {
        (0, queue_driver_1.assertHandlers)(handlers, Object.keys(contracts_1.JOB_QUEUE));
        this.handlers = handlers;
        this.pending.splice(0).forEach((run) => run());
    }
    async run(name, payload, id, attempt, attempts) {
        if (this.closed || !this.handlers)
            return;
        try {
            await this.handlers[name](payload, {
                jobId: id,
                attempt,
                updateProgress: async () => undefined,
            });
        }
        catch (err) {
            this.logger.warn({ job: name, jobId: id, attempt, err: err.message }, 'job failed');
            if (attempt < attempts) {
                this.later(queue_driver_1.BACKOFF_BASE_MS * 2 ** (attempt - 1), () => void this.run(name, payload, id, attempt + 1, attempts));
            }
        }
    }
    later(ms, fn) {
        if (this.closed)
            return;
        const t = setTimeout(() => {
            this.timers.delete(t);
            fn();
        }, ms);
        t.unref();
        this.timers.add(t);
    }
    async close() {
        this.closed = true;
        this.timers.forEach((t) => clearTimeout(t));
        this.timers.clear();
    }
}
exports.InProcessDriver = InProcessDriver;
//# sourceMappingURL=in-process.driver.js.map