// F-27: the first sheet of an uploaded xlsx as rows of text, for the import rules in
// src/domain/roster-import.ts. The sheet is read as a stream so that a 12 MB file of rows is refused
// at MAX_IMPORT_ROWS without the whole workbook in memory.
//
// The parts come out of the zip through its central directory, in the order they depend on each
// other (relations, workbook, shared strings, styles, then the sheet). exceljs 4.4.0's own streaming
// reader takes them front to back (unzipper.Parse) and, on Node ≥ 18, now and then reaches the
// worksheet before xl/workbook.xml and throws (exceljs#3064): a good file was refused as damaged
// about once in 400 reads, more often on a busy server. Its parsers are used as they are.
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import unzipper from 'unzipper';
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

// The parts of exceljs's streaming WorkbookReader that read one part each (exceljs 4.4.0, pinned in
// package.json; lib/stream/xlsx/workbook-reader.js).
interface WorkbookParts {
  model?: { sheets?: { rId: string }[] };
  workbookRels?: { Id: string; Target: string }[];
  _parseRels(part: Readable): Promise<void>;
  _parseWorkbook(part: Readable): Promise<void>;
  _parseSharedStrings(part: Readable): AsyncGenerator<unknown>;
  _parseStyles(part: Readable): Promise<void>;
  _parseWorksheet(
    part: Readable,
    sheetNo: string,
  ): Generator<{ eventType: string; value: AsyncIterable<ExcelJS.Row> }>;
}

// The zip path of the workbook's first sheet (in the order the tabs show), from its relation target:
// `worksheets/sheet1.xml` (relative to xl/) or `/xl/worksheets/sheet1.xml`.
function firstSheetPath(parts: WorkbookParts): string | null {
  const first = parts.model?.sheets?.[0];
  const target = first && parts.workbookRels?.find((rel) => rel.Id === first.rId)?.Target;
  if (!target) return null;
  return target.startsWith('/') ? target.slice(1) : `xl/${target}`;
}

async function* firstSheetRows(bytes: Buffer): AsyncGenerator<ExcelJS.Row> {
  const directory = await unzipper.Open.buffer(bytes);
  const part = (path: string) => directory.files.find((f) => f.path === path)?.stream();
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([]), {
    worksheets: 'emit',
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    // Styles are needed to tell a date from a number.
    styles: 'cache',
    entries: 'ignore',
  }) as unknown as WorkbookParts;
  const rels = part('xl/_rels/workbook.xml.rels');
  const workbook = part('xl/workbook.xml');
  if (!rels || !workbook) throw invalidFile();
  await reader._parseRels(rels);
  await reader._parseWorkbook(workbook);
  const sharedStrings = part('xl/sharedStrings.xml');
  // With `sharedStrings: 'cache'` this yields nothing; it fills the reader's table.
  if (sharedStrings) for await (const _ of reader._parseSharedStrings(sharedStrings));
  const styles = part('xl/styles.xml');
  if (styles) await reader._parseStyles(styles);
  const path = firstSheetPath(reader);
  const sheet = path ? part(path) : undefined;
  if (!path || !sheet) throw new NoWorksheet();
  for (const { value } of reader._parseWorksheet(sheet, path.match(/(\d+)\.xml$/)?.[1] ?? '1')) {
    yield* value;
  }
}

class NoWorksheet extends Error {}

/**
 * Every row of the workbook's first worksheet, as text, from row 1 (the header). Blank rows are kept
 * as empty arrays between filled ones so that row numbers match the spreadsheet; trailing blank rows
 * are dropped. Throws IMPORT_FILE_INVALID for a damaged file or one with no worksheet, and
 * IMPORT_TOO_MANY_ROWS as soon as the data rows pass MAX_IMPORT_ROWS.
 */
export async function readFirstSheet(bytes: Buffer): Promise<string[][]> {
  const rows: string[][] = [];
  let dataRows = 0;
  try {
    for await (const row of firstSheetRows(bytes)) {
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
  } catch (error) {
    if (error instanceof AppError) throw error;
    if (error instanceof NoWorksheet) {
      throw new AppError('IMPORT_FILE_INVALID', {
        zh: '文件中没有工作表，请使用下载的模板',
        en: 'The file has no worksheet; use the downloaded template',
      });
    }
    throw invalidFile();
  }
  return rows;
}
