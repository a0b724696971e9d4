import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

const badInput = (message: string) => new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } });

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

function parseInstant(value: unknown): Date {
  if (typeof value !== 'string' || !ISO_INSTANT.test(value)) {
    throw badInput('DateTime must be an ISO-8601 string with a time zone, e.g. "2026-11-22T10:00:00.000Z"');
  }
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw badInput(`"${value}" is not a valid DateTime`);
  return date;
}

/** ISO-8601 instants, always serialised in UTC with milliseconds. */
export const DateTimeScalar = new GraphQLScalarType<Date, string>({
  name: 'DateTime',
  description: 'ISO-8601 UTC instant, e.g. "2026-11-22T10:00:00.000Z"',
  serialize: (value) => {
    if (value instanceof Date) return value.toISOString();
    throw new TypeError('DateTime can only serialise Date values');
  },
  parseValue: parseInstant,
  parseLiteral: (ast) => parseInstant(ast.kind === Kind.STRING ? ast.value : undefined),
});

const DECIMAL = /^-?\d+(\.\d+)?$/;

function parseDecimalText(value: unknown): string {
  if (typeof value !== 'string' || !DECIMAL.test(value)) {
    throw badInput('Decimal must be a string such as "1234.56" (no floats, exponents or separators)');
  }
  return value;
}

/**
 * String-encoded decimals. The scalar checks the shape only; how many places a
 * given field accepts (two for money) is the domain's rule.
 */
export const DecimalScalar = new GraphQLScalarType<string, string>({
  name: 'Decimal',
  description: 'String-encoded decimal, e.g. "1234.56"',
  serialize: (value) => {
    if (typeof value === 'string' && DECIMAL.test(value)) return value;
    throw new TypeError('Decimal can only serialise decimal strings');
  },
  parseValue: parseDecimalText,
  parseLiteral: (ast) => parseDecimalText(ast.kind === Kind.STRING ? ast.value : undefined),
});
