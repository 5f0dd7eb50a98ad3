import { z } from 'zod';
import type { Aligned, Assert } from './common';

export type ComponentStatus = 'up' | 'down' | 'disabled';

export interface HealthReport {
  status: 'ok' | 'degraded';
  database: { status: ComponentStatus; driver: 'postgres' | 'pglite'; latencyMs?: number; error?: string };
  redis: { status: ComponentStatus; latencyMs?: number; error?: string };
  queue: { driver: 'bullmq' | 'in-process' };
  version: string;
  uptimeSeconds: number;
}

const componentStatusSchema = z.enum(['up', 'down', 'disabled']);
export const healthReportSchema = z.object({
  status: z.enum(['ok', 'degraded']),
  database: z.object({ status: componentStatusSchema, driver: z.enum(['postgres', 'pglite']), latencyMs: z.number().optional(), error: z.string().optional() }),
  redis: z.object({ status: componentStatusSchema, latencyMs: z.number().optional(), error: z.string().optional() }),
  queue: z.object({ driver: z.enum(['bullmq', 'in-process']) }),
  version: z.string(),
  uptimeSeconds: z.number(),
});
export type _HealthSchemasAligned = [Assert<Aligned<z.output<typeof healthReportSchema>, HealthReport>>];
