// F-27: the xlsx templates the import page offers, made from the same column definitions the parser
// reads (STUDENT_COLUMNS, STAFF_COLUMNS), and the exports, which follow the same columns so an
// exported list can be edited and imported elsewhere.
import ExcelJS from 'exceljs';
import { type ImportColumn, STAFF_COLUMNS, STUDENT_COLUMNS } from '../../../domain/roster-import.js';
import type { ImportKind } from './schemas.js';

export const COLUMNS: Record<ImportKind, readonly ImportColumn[]> = {
  students: STUDENT_COLUMNS,
  staff: STAFF_COLUMNS,
};

export const SHEET_NAMES: Record<ImportKind, string> = { students: '学生', staff: '工作人员' };

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Text format ('@'): a student number or mobile keeps its leading zeros when typed in Excel/WPS. */
function isTextColumn(c: ImportColumn): boolean {
  return c.kind === 'mobile' || c.key === 'studentNo' || c.key === 'staffNo';
}

function sheetWithHeader(workbook: ExcelJS.Workbook, kind: ImportKind): ExcelJS.Worksheet {
  const columns = COLUMNS[kind];
  const sheet = workbook.addWorksheet(SHEET_NAMES[kind], { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({
    header: c.header,
    key: c.key,
    width: Math.max(10, Math.min(24, c.example.length * 2 + 6)),
    style: isTextColumn(c) ? { numFmt: '@' } : {},
  }));
  const header = sheet.getRow(1);
  header.font = { bold: true };
  columns.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.fill = {
      type: 'pattern',
      pattern: 'solid',
      fgColor: { argb: c.required ? 'FFFFE7BA' : 'FFF0F0F0' },
    };
    cell.note = c.note.zh;
  });
  return sheet;
}

/** The template: the header, one example row, and a sheet 说明 with every column's note. */
export async function buildTemplate(kind: ImportKind): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'kehou';
  const sheet = sheetWithHeader(workbook, kind);
  const columns = COLUMNS[kind];
  sheet.addRow(Object.fromEntries(columns.map((c) => [c.key, c.example])));
  const notes = workbook.addWorksheet('说明');
  notes.columns = [
    { header: '列', width: 14 },
    { header: '必填', width: 8 },
    { header: '说明', width: 60 },
    { header: 'Note', width: 60 },
  ];
  notes.getRow(1).font = { bold: true };
  for (const c of columns) notes.addRow([c.header, c.required ? '是' : '否', c.note.zh, c.note.en]);
  notes.addRow([]);
  notes.addRow([
    '',
    '',
    '第 2 行是示例，导入前请删除或改为真实数据。每次最多 10000 行；有任何一行有问题时，整份名单都不会导入。',
    'Row 2 is an example: replace or delete it. At most 10,000 rows; if any row has a problem, nothing is imported.',
  ]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** A workbook of one sheet in the template's columns, for the exports. */
export async function buildListWorkbook(
  kind: ImportKind,
  rows: readonly Record<string, string>[],
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'kehou';
  const sheet = sheetWithHeader(workbook, kind);
  // Every value is written as a string cell: a spreadsheet never runs a string as a formula.
  for (const r of rows) sheet.addRow(r);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Content-Disposition with an ASCII fallback and the Chinese name per RFC 5987/6266. */
export function attachment(fileName: string, asciiFallback: string): { type: string; disposition: string } {
  return {
    type: XLSX,
    disposition: `attachment; filename="${asciiFallback}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
  };
}
