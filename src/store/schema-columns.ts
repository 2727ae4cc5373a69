// Column types shared by the schema files: how Kysely reads and writes them.
import type { ColumnType } from 'kysely';

export type Timestamp = ColumnType<Date, Date | string, Date | string>;
export type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
export type Json<T> = ColumnType<T, string, string>;
/** bigserial ids: read as numbers, never written. */
export type BigId = ColumnType<number, never, never>;
export type BigInt8 = ColumnType<number, number, number>;
