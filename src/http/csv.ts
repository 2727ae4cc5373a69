// CSV exports of report tables: RFC 4180 (quoted when needed, CRLF between
// records), one header row of the JSON field names, and cells that a
// spreadsheet would run as a formula (= + - @ …) defused with a leading
// apostrophe (OWASP "CSV injection"). A UTF-8 byte order mark leads, so
// Excel reads Cyrillic names as UTF-8 rather than the system's code page.
import { stringify } from 'csv-stringify/sync';
import type { FastifyReply } from 'fastify';

/** Cells are picked by `columns`; null and undefined are empty. */
export function toCsv(
  columns: readonly string[],
  rows: readonly Record<string, unknown>[],
): string {
  return stringify(
    rows.map((row) => columns.map((c) => row[c] ?? null)),
    {
      bom: true,
      header: true,
      columns: [...columns],
      record_delimiter: 'windows',
      escape_formulas: true,
      cast: { boolean: (value) => String(value) },
    },
  );
}

/** Sends rows as an attachment `<name>.csv`. */
export function sendCsv(
  reply: FastifyReply,
  name: string,
  columns: readonly string[],
  rows: readonly Record<string, unknown>[],
): FastifyReply {
  return reply
    .header('content-type', 'text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${name}.csv"`)
    .send(toCsv(columns, rows));
}
