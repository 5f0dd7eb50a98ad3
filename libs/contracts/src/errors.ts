import { z } from 'zod';

/** One invalid field of a request, as every 4xx answer names it. */
export const fieldErrorSchema = z.object({
  field: z.string(),
  reason: z.string(),
});
export type FieldError = z.infer<typeof fieldErrorSchema>;

/** The body of every error answer, REST and socket ack alike. */
export const apiErrorSchema = z.object({
  statusCode: z.number().int(),
  code: z.string(),
  message: z.string(),
  fields: z.array(fieldErrorSchema).optional(),
  details: z.record(z.string(), z.unknown()).optional(),
  correlationId: z.string(),
});
export type ApiError = z.infer<typeof apiErrorSchema>;
