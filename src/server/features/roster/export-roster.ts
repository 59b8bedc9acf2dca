import ExcelJS from 'exceljs';
import { type AuditEntry, recordAudit } from '../../audit.js';
import type { ActorContext } from '../../context.js';
import { getRoster } from './get-roster.js';
import type { RosterChild, RosterQuery, RosterView } from './schemas.js';

const WEEKDAY_ZH = ['', '周一', '周二', '周三', '周四', '周五', '周六', '周日'];

const COLUMNS: { header: string; width: number; value: (c: RosterChild, i: number) => string | number }[] = [
  { header: '序号', width: 6, value: (_c, i) => i + 1 },
  { header: '学号', width: 12, value: (c) => c.studentNo },
  { header: '姓名', width: 10, value: (c) => c.name },
  { header: '班级', width: 12, value: (c) => c.className },
  { header: '离校批次', width: 10, value: (c) => c.departureBatch },
  { header: '延时托管', width: 8, value: (c) => (c.extendedCustody ? '是' : '') },
  { header: '可自行离校', width: 10, value: (c) => (c.mayLeaveAlone ? '是' : '') },
  {
    header: '监护人（关系 电话）',
    width: 30,
    value: (c) => c.guardians.map((g) => `${g.name}（${g.relation}）${g.phone ?? ''}`).join('\n'),
  },
  {
    header: '授权接送人（关系 电话）',
    width: 30,
    value: (c) => c.pickupPersons.map((p) => `${p.name}（${p.relation}）${p.phone ?? ''}`).join('\n'),
  },
  { header: '签到', width: 8, value: () => '' },
];

// Sheet names: at most 31 characters, none of : \ / ? * [ ], unique in the workbook.
function sheetName(name: string, used: Set<string>): string {
  const base = name.replace(/[:\\/?*[\]]/g, '-').slice(0, 28) || '名册';
  let out = base;
  for (let n = 2; used.has(out); n++) out = `${base}-${n}`;
  used.add(out);
  return out;
}

function addSheet(
  workbook: ExcelJS.Workbook,
  used: Set<string>,
  roster: RosterView,
  title: { name: string; teacher: string | null; venue: string | null },
  children: RosterChild[],
) {
  const sheet = workbook.addWorksheet(sheetName(title.name, used), {
    pageSetup: {
      paperSize: 9, // A4
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 },
      printTitlesRow: '3:3',
    },
    headerFooter: { oddFooter: '第 &P 页，共 &N 页' },
  });
  sheet.columns = COLUMNS.map((c) => ({ width: c.width }));
  const last = COLUMNS.length;
  sheet.mergeCells(1, 1, 1, last);
  const heading = sheet.getCell(1, 1);
  heading.value = `${roster.school.name} · ${roster.term.name} · ${WEEKDAY_ZH[roster.weekday]} · ${title.name} 课后看护学生名册`;
  heading.font = { bold: true, size: 14 };
  heading.alignment = { horizontal: 'center' };
  sheet.mergeCells(2, 1, 2, last);
  sheet.getCell(2, 1).value =
    `看护教师：${title.teacher ?? '未安排'}　场地：${title.venue ?? '未安排'}　人数：${children.length}　名册日期：${roster.asOf}`;
  const header = sheet.getRow(3);
  COLUMNS.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = c.header;
    cell.font = { bold: true };
    cell.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
    cell.border = { bottom: { style: 'thin' } };
  });
  children.forEach((child, index) => {
    const row = sheet.addRow(COLUMNS.map((c) => c.value(child, index)));
    row.alignment = { vertical: 'top', wrapText: true };
    row.eachCell({ includeEmpty: true }, (cell) => {
      cell.border = { bottom: { style: 'hair' } };
    });
  });
}

// F-28: the roster as an xlsx workbook, one printable sheet per group (A4 landscape, the header row
// repeated on every page), and the children not yet placed on a sheet of their own. The same reading
// and masking as the page; the download is audited, as personal data leaves the platform.
export async function exportRoster(
  ctx: ActorContext,
  options: { schoolId: string; termId: string } & RosterQuery,
): Promise<{ bytes: Buffer; roster: RosterView }> {
  const roster = await getRoster(ctx, options);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'kehou';
  workbook.created = ctx.clock.now();
  const used = new Set<string>();
  for (const g of roster.groups)
    addSheet(
      workbook,
      used,
      roster,
      { name: g.name, teacher: g.teacherName, venue: g.venueName },
      g.children,
    );
  // A workbook has at least one sheet: a reader without groups that day gets an empty one that says so.
  if (roster.ungrouped.length > 0 || roster.groups.length === 0)
    addSheet(
      workbook,
      used,
      roster,
      { name: roster.scope === 'school' ? '未编班' : '当天无负责班组', teacher: null, venue: null },
      roster.ungrouped,
    );
  const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
  await recordAudit(ctx.db, ctx.meta, rosterAudit(ctx, 'roster.export', roster, options));
  return { bytes, roster };
}

// F-28: a printed roster leaves the platform as surely as a downloaded one (issue 13.9). The page
// reports each print — the browser's, from its button or the browser's menu (`beforeprint`) — and
// it is recorded like the download. A print the page could not report (the network gone) is not.
export async function recordRosterPrint(
  ctx: ActorContext,
  options: { schoolId: string; termId: string } & RosterQuery,
): Promise<void> {
  const roster = await getRoster(ctx, options);
  await recordAudit(ctx.db, ctx.meta, rosterAudit(ctx, 'roster.print', roster, options));
}

// Who took which roster out (the weekday, the group, how many children, phones in full or masked).
function rosterAudit(
  ctx: ActorContext,
  action: 'roster.export' | 'roster.print',
  roster: RosterView,
  options: RosterQuery,
): AuditEntry {
  return {
    actorUserId: ctx.actor.userId,
    action,
    objectType: 'roster',
    objectId: roster.term.id,
    schoolId: roster.school.id,
    at: ctx.clock.now(),
    details: {
      weekday: roster.weekday,
      groupId: options.groupId ?? null,
      children: roster.groups.reduce((n, g) => n + g.children.length, 0) + roster.ungrouped.length,
      fullPhones: roster.fullPhones,
    },
  };
}

export function rosterFileName(roster: RosterView, groupName: string | null): { zh: string; ascii: string } {
  const day = WEEKDAY_ZH[roster.weekday] ?? '';
  return {
    zh: `课后看护学生名册-${roster.term.code}-${day}${groupName ? `-${groupName}` : ''}.xlsx`,
    ascii: `roster-${roster.term.code}-w${roster.weekday}.xlsx`,
  };
}
