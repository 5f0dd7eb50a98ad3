import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

/** A statement and its parameters, numbered from $1. */
export interface Sql {
  sql: string;
  params: unknown[];
}

/**
 * `INSERT INTO <table> (<columns>) SELECT $1::<type>, ...` for one entity row, from TypeORM's
 * metadata (column names, types, transformers, json): the caller appends its condition
 * (`WHERE ...`, numbered after `params`) and defers it into the command's last statement
 * (MeetingTx.defer). Columns the row leaves undefined take their database default.
 */
export function insertSelect<E extends ObjectLiteral>(manager: EntityManager, target: EntityTarget<E>, row: E): Sql {
  const meta = manager.connection.getMetadata(target);
  const driver = manager.connection.driver;
  const columns: string[] = [];
  const values: string[] = [];
  const params: unknown[] = [];
  for (const column of meta.columns) {
    const value = column.getEntityValue(row);
    if (value === undefined) continue;
    params.push(driver.preparePersistentValue(value, column));
    columns.push(column.databaseName);
    values.push(`$${params.length}::${driver.normalizeType(column)}${column.isArray ? '[]' : ''}`);
  }
  return { sql: `INSERT INTO ${meta.tablePath} (${columns.join(', ')}) SELECT ${values.join(', ')}`, params };
}

/** `UPDATE <table> SET <column> = $2::<type>, ... WHERE <primary column> = $1`, for the properties of `patch`. */
export function updateById<E extends ObjectLiteral>(manager: EntityManager, target: EntityTarget<E>, id: string, patch: Partial<E>): Sql {
  const meta = manager.connection.getMetadata(target);
  const driver = manager.connection.driver;
  const params: unknown[] = [id];
  const sets: string[] = [];
  for (const [property, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    const column = meta.findColumnWithPropertyName(property);
    if (!column) throw new Error(`${meta.name} has no column ${property}`);
    params.push(driver.preparePersistentValue(value, column));
    sets.push(`${column.databaseName} = $${params.length}::${driver.normalizeType(column)}${column.isArray ? '[]' : ''}`);
  }
  return { sql: `UPDATE ${meta.tablePath} SET ${sets.join(', ')} WHERE ${meta.primaryColumns[0].databaseName} = $1`, params };
}
