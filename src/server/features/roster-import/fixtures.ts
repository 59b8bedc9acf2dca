// Spreadsheets for the import's tests and benchmark: a workbook as an office would fill in the
// template, built with exceljs like the real thing. Not used by the running server.
import ExcelJS from 'exceljs';
import { STAFF_COLUMNS, STUDENT_COLUMNS } from '../../../domain/roster-import.js';

export type SheetCell = ExcelJS.CellValue;

/** An xlsx whose first sheet holds `rows` as given (row 1 first); extra sheets optional. */
export async function xlsxOf(
  rows: readonly (readonly SheetCell[])[],
  options: { textColumns?: number[] } = {},
) {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Sheet1');
  for (const c of options.textColumns ?? []) sheet.getColumn(c).numFmt = '@';
  rows.forEach((cells, i) => {
    const row = sheet.getRow(i + 1);
    cells.forEach((value, j) => {
      if (value !== null && value !== undefined) row.getCell(j + 1).value = value;
    });
    row.commit();
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export const STUDENT_HEADER = STUDENT_COLUMNS.map((c) => c.header);
export const STAFF_HEADER = STAFF_COLUMNS.map((c) => c.header);

/**
 * `count` students over grades 1–6 and classes 1–10, each with one guardian (every tenth with a
 * second), numbered from `start` so two files do not collide. Phones are distinct per guardian.
 */
export function studentRows(count: number, start = 1, phonePrefix = '139'): string[][] {
  const rows: string[][] = [STUDENT_HEADER];
  for (let i = start; i < start + count; i++) {
    const grade = (i % 6) + 1;
    const klass = (Math.floor(i / 6) % 10) + 1;
    const second = i % 10 === 0;
    rows.push([
      `S${String(i).padStart(7, '0')}`,
      `学生${i}`,
      i % 2 ? '男' : '女',
      `${grade}年级`,
      `${klass}班`,
      `家长${i}`,
      '母亲',
      `${phonePrefix}${String(i).padStart(8, '0')}`,
      second ? `父亲${i}` : '',
      second ? '父亲' : '',
      second ? `${phonePrefix}${String(i + 50_000_000).padStart(8, '0')}` : '',
    ]);
  }
  return rows;
}

/** A multipart/form-data body with one file, as a browser sends it. */
export function multipartOf(bytes: Buffer, fileName = '名单.xlsx') {
  const boundary = `----kehou${Math.random().toString(16).slice(2)}`;
  const head =
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\n` +
    'Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n';
  return {
    payload: Buffer.concat([Buffer.from(head), bytes, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}
