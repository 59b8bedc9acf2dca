import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { MAX_IMPORT_ROWS, parseStaffRows, parseStudentRows } from '../../../domain/roster-import.js';
import { AppError } from '../../errors.js';
import { STAFF_HEADER, STUDENT_HEADER, studentRows, xlsxOf } from './fixtures.js';
import { cellText, readFirstSheet } from './read-sheet.js';
import { buildTemplate } from './template.js';

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'resolved';
  } catch (error) {
    return error instanceof AppError ? error.code : String(error);
  }
}

describe('cellText', () => {
  it('gives integers as typed, never in exponent form', () => {
    expect(cellText(13800138000)).toBe('13800138000');
    expect(cellText(20240101)).toBe('20240101');
    expect(cellText(3)).toBe('3');
    expect(cellText(2.5)).toBe('2.5');
  });

  it('joins rich text runs and reads hyperlinks by their text', () => {
    expect(cellText({ richText: [{ text: '张' }, { text: '小明', font: { bold: true } }] })).toBe('张小明');
    expect(cellText({ text: '王芳', hyperlink: 'mailto:x@example.com' })).toBe('王芳');
  });

  it('turns a formula into its formula text, never its cached result', () => {
    expect(cellText({ formula: 'A1&"班"', result: '2班' })).toBe('=A1&"班"');
    expect(cellText({ sharedFormula: 'B2', result: 3 })).toBe('=B2');
  });

  it('gives a date as its ISO day, errors as themselves, empties as ""', () => {
    expect(cellText(new Date(Date.UTC(2024, 0, 5)))).toBe('2024-01-05');
    expect(cellText({ error: '#N/A' })).toBe('#N/A');
    expect(cellText(null)).toBe('');
    expect(cellText(undefined)).toBe('');
    expect(cellText(true)).toBe('TRUE');
  });
});

describe('readFirstSheet', () => {
  it('keeps leading zeros of text cells and row numbers across blank rows, and drops trailing blank rows', async () => {
    const bytes = await xlsxOf(
      [
        ['学号', '姓名'],
        ['00123', '张三'],
        [],
        ['00456', { richText: [{ text: '李' }, { text: '四' }] }],
        [],
        ['', '   '],
      ],
      { textColumns: [1] },
    );
    expect(await readFirstSheet(bytes)).toEqual([['学号', '姓名'], ['00123', '张三'], [], ['00456', '李四']]);
  });

  it('reads a number typed into a phone column as its digits', async () => {
    const rows = await readFirstSheet(await xlsxOf([['手机'], [13800138000]]));
    expect(rows[1]).toEqual(['13800138000']);
  });

  it('gives a formula cell to the rules as a formula, so the row is refused with `formula`', async () => {
    const sheet = studentRows(2);
    const bytes = await xlsxOf([
      sheet[0] as string[],
      sheet[1] as string[],
      (sheet[2] as string[]).map((v, i) => (i === 1 ? { formula: 'CONCAT("学","生")', result: '学生' } : v)),
    ]);
    const rows = await readFirstSheet(bytes);
    expect(rows[2]?.[1]).toBe('=CONCAT("学","生")');
    const parsed = parseStudentRows(rows, {
      schoolGrades: [1, 2, 3, 4, 5, 6],
      existingStudentNos: [],
      existingClasses: [],
      allowNewClasses: true,
    });
    expect(parsed.problems).toEqual([expect.objectContaining({ row: 3, column: '姓名', code: 'formula' })]);
  });

  it('reads a date cell as its ISO day', async () => {
    const rows = await readFirstSheet(await xlsxOf([['年级'], [new Date(Date.UTC(2024, 2, 1))]]));
    expect(rows[1]).toEqual(['2024-03-01']);
  });

  it('reads the downloaded template back: its header and example row parse without problems', async () => {
    const rows = await readFirstSheet(await buildTemplate('students'));
    expect(rows[0]).toEqual(STUDENT_HEADER);
    const parsed = parseStudentRows(rows, {
      schoolGrades: [1, 2, 3, 4, 5, 6],
      existingStudentNos: [],
      existingClasses: [],
      allowNewClasses: true,
    });
    expect(parsed.problems).toEqual([]);
    expect(parsed.rows).toHaveLength(1);
  });

  it('reads the staff template back: its example row parses without problems', async () => {
    const rows = await readFirstSheet(await buildTemplate('staff'));
    expect(rows[0]).toEqual(STAFF_HEADER);
    const parsed = parseStaffRows(rows);
    expect(parsed.problems).toEqual([]);
    expect(parsed.rows).toEqual([expect.objectContaining({ staffNo: 'T0012', roles: ['care_teacher'] })]);
  });

  it('refuses a damaged zip, a zip that is no workbook and a workbook without sheets', async () => {
    const good = await xlsxOf([['学号'], ['1']]);
    expect(await codeOf(readFirstSheet(good.subarray(0, Math.floor(good.length / 2))))).toBe(
      'IMPORT_FILE_INVALID',
    );
    expect(await codeOf(readFirstSheet(Buffer.from('PK\u0003\u0004 not really a zip at all')))).toBe(
      'IMPORT_FILE_INVALID',
    );
    const empty = Buffer.from(await new ExcelJS.Workbook().xlsx.writeBuffer());
    expect(await codeOf(readFirstSheet(empty))).toBe('IMPORT_FILE_INVALID');
  });

  // exceljs's own streaming reader refused this file as damaged about once in 400 reads, more often
  // under load (exceljs#3064): the worksheet was reached before xl/workbook.xml.
  it('reads the same workbook 400 times, four at a time, with the same rows every time', async () => {
    const file = await xlsxOf(studentRows(60));
    const expected = await readFirstSheet(file);
    expect(expected).toHaveLength(61);
    const outcomes = new Map<string, number>();
    for (let round = 0; round < 100; round++) {
      const reads = await Promise.all(
        Array.from({ length: 4 }, async () => {
          try {
            const rows = await readFirstSheet(file);
            return JSON.stringify(rows) === JSON.stringify(expected) ? 'same' : 'different';
          } catch (error) {
            return error instanceof AppError ? error.code : String(error);
          }
        }),
      );
      for (const r of reads) outcomes.set(r, (outcomes.get(r) ?? 0) + 1);
    }
    expect(Object.fromEntries(outcomes)).toEqual({ same: 400 });
  });

  it(`stops at ${MAX_IMPORT_ROWS} data rows`, async () => {
    const rows: string[][] = [['学号']];
    for (let i = 0; i <= MAX_IMPORT_ROWS; i++) rows.push([String(i)]);
    expect(await codeOf(readFirstSheet(await xlsxOf(rows)))).toBe('IMPORT_TOO_MANY_ROWS');
  });
});
