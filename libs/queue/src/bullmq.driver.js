"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.BullMqDriver = void 0;
exports.redisConnection = redisConnection;
const common_1 = require("@nestjs/common");
const bullmq_1 = require("bullmq");
const contracts_1 = require("../../contracts/src/index.js");
const queue_driver_1 = require("./queue.driver");
function redisConnection(url) {
    const u = new URL(url);
    return {
        host: u.hostname,
        port: Number(u.port || 6379),
        username: u.username || undefined,
        password: u.password ? decodeURIComponent(u.password) : undefined,
        db: u.pathname.length > 1 ? Number(u.pathname.slice(1)) : 0,
        tls: u.protocol === 'rediss:' ? {} : undefined,
        maxRetriesPerRequest: null,
    };
}
class BullMqDriver extends queue_driver_1.QueueDriver {
    connection;
    prefix;
    kind = 'bullmq';
    logger = new common_1.Logger(BullMqDriver.name);
    queues = new Map();
    workers = [];
    constructor(connection, prefix = 'htt') {
        super();
        this.connection = connection;
        this.prefix = prefix;
    }
    queue(name) {
        let q = this.queues.get(name);
        if (!q) {
            q = new bullmq_1.Queue(name, { connection: this.connection, prefix: this.prefix });
            this.queues.set(name, q);
        }
        return q;
    }
    allQueues() {
        return contracts_1.QUEUE_NAMES.map((n) => this.queue(n));
    }
    async enqueue(name, payload, options = {}) {
        const job = await this.queue(contracts_1.JOB_QUEUE[name]).add(name, payload, {
            jobId: options.jobId,
            delay: options.delayMs,
            attempts: options.attempts ?? queue_driver_1.DEFAULT_ATTEMPTS,
            backoff: { type: 'exponential', delay: queue_driver_1.BACKOFF_BASE_MS },
            removeOnComplete: { age: 7 * 24 * 3600, count: 1000 },
            removeOnFail: { age: 30 * 24 * 3600 },
        });
        return { id: job.id ?? options.jobId ?? '', name };
    }
    async schedule(schedulerId, name, payload, everyMs) {
        await this.queue(contracts_1.JOB_QUEUE[name]).upsertJobScheduler(schedulerId, { every: everyMs }, { name, data: payload, opts: { attempts: queue_driver_1.DEFAULT_ATTEMPTS, backoff: { type: 'exponential', delay: queue_driver_1.BACKOFF_BASE_MS } } });
    }
    async consume(handlers, concurrency = 4) {
        (0, queue_driver_1.assertHandlers)(handlers, Object.keys(contracts_1.JOB_QUEUE));
        for (const queueName of contracts_1.QUEUE_NAMES) {
            const worker = new bullmq_1.Worker(queueName, async (job) => {
                const handler = handlers[job.name];
                if (!handler)
                    throw new Error(`No handler for job ${job.name}`);
                return handler(job.data, {
                    jobId: job.id ?? '',
                    attempt: job.attemptsMade + 1,
                    updateProgress: (p) => job.updateProgress(p),
                });
            }, { connection: this.connection, prefix: this.prefix, concurrency });
            worker.on('failed', (job, err) => this.logger.warn({ job: job?.name, jobId: job?.id, attempt: job?.attemptsMade, err: err.message }, 'job failed'));
            worker.on('error', (err) => this.logger.error({ err: err.message }, 'worker error'));
            await worker.waitUntilReady();
            this.workers.push(worker);
        }
    }
    async close() {
        await Promise.all(this.workers.map((w) => w.close()));
        await Promise.all([...this.queues.values()].map((q) => q.close()));
    }
}
exports.BullMqDriver = BullMqDriver;
//# sourceMappingURL=bullmq.driver.js.map