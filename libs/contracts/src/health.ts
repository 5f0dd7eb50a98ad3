export type ComponentStatus = 'up' | 'down' | 'disabled';

export interface HealthReport {
  status: 'ok' | 'degraded';
  database: { status: ComponentStatus; driver: 'postgres' | 'pglite'; latencyMs?: number; error?: string };
  redis: { status: ComponentStatus; latencyMs?: number; error?: string };
  queue: { driver: 'bullmq' | 'in-process' };
  version: string;
  uptimeSeconds: number;
}
