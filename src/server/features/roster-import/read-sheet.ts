// F-27: the first sheet of an uploaded xlsx as rows of text, for the import rules in
// src/domain/roster-import.ts. Read as a stream so that a 12 MB file of rows is refused at
// MAX_IMPORT_ROWS without the whole workbook in memory.
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { MAX_IMPORT_ROWS } from '../../../domain/roster-import.js';
import { AppError } from '../../errors.js';

// No template has more than 11 columns; cells far to the right are ignored, so a sheet whose last
// column is XFD does not make every row 16,384 strings long.
const MAX_COLUMNS = 64;

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/**
 * The text of one cell value as exceljs reads it. A formula (with or without its cached result) is
 * returned as `=` and its formula, never the result: the import rules then refuse the cell as a
 * formula, so the office sees what the file really holds (a result cached by another program may be
 * stale, and an exported formula could run on someone else's computer).
 */
export function cellText(value: ExcelJS.CellValue | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') {
    // Integers as typed (a student number or a phone typed as a number), never 1.38e+10.
    return Number.isSafeInteger(value) ? value.toFixed(0) : String(value);
  }
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) {
    // No column of the templates is a date; a date here is what a spreadsheet made of something
    // typed as 2024-1-5. It is given back as the ISO date (exceljs reads it as UTC), so the office
    // sees it in the problem message.
    if (Number.isNaN(value.getTime())) return '';
    return `${value.getUTCFullYear()}-${pad(value.getUTCMonth() + 1)}-${pad(value.getUTCDate())}`;
  }
  if (typeof value === 'object') {
    if ('formula' in value || 'sharedFormula' in value) {
      const formula = 'formula' in value ? value.formula : value.sharedFormula;
      return `=${formula ?? ''}`;
    }
    if ('richText' in value && Array.isArray(value.richText)) {
      return value.richText.map((run) => run.text ?? '').join('');
    }
    if ('text' in value && 'hyperlink' in value) {
      const text = value.text as unknown;
      return typeof text === 'string' ? text : cellText(text as ExcelJS.CellValue);
    }
    // An error value (#N/A, #REF!) shows as itself, so the row is refused with it named.
    if ('error' in value) return String(value.error);
  }
  return '';
}

function invalidFile(): AppError {
  return new AppError('IMPORT_FILE_INVALID');
}

/**
 * Every row of the workbook's first worksheet, as text, from row 1 (the header). Blank rows are kept
 * as empty arrays between filled ones so that row numbers match the spreadsheet; trailing blank rows
 * are dropped. Throws IMPORT_FILE_INVALID for a damaged file or one with no worksheet, and
 * IMPORT_TOO_MANY_ROWS as soon as the data rows pass MAX_IMPORT_ROWS.
 */
export async function readFirstSheet(bytes: Buffer): Promise<string[][]> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([bytes]), {
    worksheets: 'emit',
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    // Styles are needed to tell a date from a number.
    styles: 'cache',
    entries: 'ignore',
  });
  const rows: string[][] = [];
  let sheetFound = false;
  let dataRows = 0;
  try {
    for await (const sheet of reader) {
      sheetFound = true;
      for await (const row of sheet) {
        const cells: string[] = [];
        row.eachCell({ includeEmpty: false }, (cell, col) => {
          if (col <= MAX_COLUMNS) cells[col - 1] = cellText(cell.value);
        });
        const filled = Array.from(cells, (c) => c ?? '');
        if (!filled.some((c) => c.trim() !== '')) continue;
        if (row.number > 1) dataRows++;
        if (dataRows > MAX_IMPORT_ROWS) {
          throw new AppError('IMPORT_TOO_MANY_ROWS', {
            zh: `文件超过 ${MAX_IMPORT_ROWS} 行数据，请分批导入`,
            en: `The file has more than ${MAX_IMPORT_ROWS} data rows; import it in parts`,
          });
        }
        while (rows.length < row.number - 1) rows.push([]);
        rows[row.number - 1] = filled;
      }
      // Only the first worksheet is read; the rest (the template's 说明) are notes.
      break;
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw invalidFile();
  }
  if (!sheetFound) {
    throw new AppError('IMPORT_FILE_INVALID', {
      zh: '文件中没有工作表，请使用下载的模板',
      en: 'The file has no worksheet; use the downloaded template',
    });
  }
  return rows;
}
