/**
 * PostgreSQL array literals, sent as one text parameter each and cast in SQL
 * (`?::uuid[]`): a multi-row insert through `unnest` then takes a fixed number of
 * parameters, whatever the number of rows (a VALUES list would need one per cell and hit
 * PostgreSQL's 65,535-parameter limit). Elements are quoted: only uuids, digits and ISO
 * timestamps go in, none of which contain a quote or a backslash.
 */
export const pgArray = (values: readonly (string | bigint | number)[]): string =>
  `{${values.map((value) => `"${String(value)}"`).join(',')}}`;

export const pgTimestampArray = (values: readonly Date[]): string => pgArray(values.map((at) => at.toISOString()));

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Keys that can name a row of a uuid column; anything else names none (and must not reach a cast). */
export const onlyUuids = (ids: readonly string[]): string[] => ids.filter((id) => UUID.test(id));
