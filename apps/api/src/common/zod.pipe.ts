import { type PipeTransform } from '@nestjs/common';
import { z, type ZodType } from 'zod';
import type { FieldError } from '@app/contracts';
import { CommonException } from './domain.exception';

export function zodFieldErrors(error: z.ZodError): FieldError[] {
  return error.issues.flatMap((issue) => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((k) => ({ field: [...issue.path, k].join('.'), reason: 'is not a known field' }));
    }
    const field = issue.path.length ? issue.path.join('.') : '(body)';
    return [{ field, reason: issue.message }];
  });
}

/** Parses unknown input with a contract schema or throws a 400 naming every bad field. */
export function parseOrThrow<S extends ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw CommonException.validation(zodFieldErrors(result.error));
  return result.data;
}

/** Validates a REST body, query or param with a schema from libs/contracts. */
export class ZodPipe<S extends ZodType> implements PipeTransform<unknown, z.output<S>> {
  constructor(private readonly schema: S) {}
  transform(value: unknown): z.output<S> {
    return parseOrThrow(this.schema, value);
  }
}

export const UuidPipe = new ZodPipe(z.uuid({ message: 'must be a UUID' }));
