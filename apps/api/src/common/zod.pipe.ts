import { type PipeTransform } from '@nestjs/common';
import { z, type ZodType } from 'zod';
import { FIELD_RULES, type FieldError, type FieldRule } from '@app/contracts';
import { CommonException } from './domain.exception';

const FIELD_RULE_SET: ReadonlySet<string> = new Set(FIELD_RULES);
const asRule = (params: unknown): FieldRule | null => {
  const rule = (params as { rule?: unknown } | undefined)?.rule;
  return typeof rule === 'string' && FIELD_RULE_SET.has(rule) ? (rule as FieldRule) : null;
};
const primitives = (values: readonly unknown[]) =>
  values.filter((v): v is string | number | boolean | null => v === null || ['string', 'number', 'boolean'].includes(typeof v));

/**
 * One zod issue as a field error: a code from the small contract set with the
 * facts to phrase it (the web translates those), and zod's English as `reason`
 * for developers. Needs issues parsed with `reportInput: true` to tell a
 * missing field (`required`) from one of the wrong type.
 */
export function zodFieldErrors(error: z.ZodError): FieldError[] {
  return error.issues.flatMap((issue): FieldError[] => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((k) => ({ field: [...issue.path, k].join('.'), code: 'unknown_field', params: {}, reason: 'is not a known field' }));
    }
    const field = issue.path.length ? issue.path.join('.') : '(body)';
    const reason = issue.message;
    switch (issue.code) {
      case 'invalid_type':
        return issue.input === undefined || issue.input === null
          ? [{ field, code: 'required', params: {}, reason }]
          : [{ field, code: 'invalid_type', params: { expected: issue.expected }, reason }];
      case 'too_small': {
        const minimum = typeof issue.minimum === 'bigint' ? Number(issue.minimum) : issue.minimum;
        // an empty (or all-blank, after trimming) text is a missing one to the person filling the form
        if (issue.origin === 'string' && minimum === 1) return [{ field, code: 'required', params: {}, reason }];
        return [{ field, code: 'too_small', params: { origin: issue.origin, minimum, inclusive: issue.inclusive ?? true }, reason }];
      }
      case 'too_big': {
        const maximum = typeof issue.maximum === 'bigint' ? Number(issue.maximum) : issue.maximum;
        return [{ field, code: 'too_big', params: { origin: issue.origin, maximum, inclusive: issue.inclusive ?? true }, reason }];
      }
      case 'invalid_format':
        return [{ field, code: 'invalid_format', params: { format: issue.format }, reason }];
      case 'invalid_value':
        return [{ field, code: 'invalid_value', params: { values: primitives(issue.values) }, reason }];
      case 'invalid_union':
      case 'invalid_key':
      case 'invalid_element':
        return [{ field, code: 'invalid_value', params: { values: [] }, reason }];
      case 'not_multiple_of':
        return [{ field, code: 'not_multiple_of', params: { divisor: Number(issue.divisor) }, reason }];
      case 'custom':
        return [{ field, code: 'custom', params: { rule: asRule(issue.params) }, reason }];
    }
  });
}

/** Parses unknown input with a contract schema or throws a 400 naming every bad field. */
export function parseOrThrow<S extends ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value, { reportInput: true });
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
