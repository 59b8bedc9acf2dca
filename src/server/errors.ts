// One catalogue of errors with stable codes. Use cases throw AppError(code); the error handler in
// plugins/errors.ts is the one place that maps a code to an HTTP status and the JSON shape
// `{ error: CODE, message: "中文 / English", details? }`.

export const errorCatalogue = {
  VALIDATION_FAILED: { status: 400, zh: '提交的数据有误', en: 'The request is not valid' },
  INVALID_JSON: { status: 400, zh: '请求内容不是有效的 JSON', en: 'The request body is not valid JSON' },
  WEAK_PASSWORD: {
    status: 400,
    zh: '密码至少 10 位，且不能是常见密码',
    en: 'The password must have at least 10 characters and not be a common password',
  },
  UNAUTHENTICATED: { status: 401, zh: '请先登录', en: 'Please log in' },
  SESSION_EXPIRED: {
    status: 401,
    zh: '登录已过期，请重新登录',
    en: 'Your session has expired; please log in again',
  },
  INVALID_CREDENTIALS: { status: 401, zh: '用户名或密码错误', en: 'Wrong username or password' },
  WRONG_PASSWORD: { status: 403, zh: '当前密码不正确', en: 'The current password is wrong' },
  CSRF_REJECTED: {
    status: 403,
    zh: '请求缺少有效的安全令牌，请刷新页面后重试',
    en: 'The request lacks a valid security token; reload the page and try again',
  },
  FORBIDDEN: { status: 403, zh: '没有权限执行此操作', en: 'You are not allowed to do this' },
  PASSWORD_NOT_SET: {
    status: 403,
    zh: '请先设置密码，再使用其他功能',
    en: 'Set your password first; nothing else is available until then',
  },
  NOT_FOUND: { status: 404, zh: '找不到该内容', en: 'Not found' },
  ROUTE_NOT_FOUND: { status: 404, zh: '没有这个接口', en: 'No such route' },
  USERNAME_TAKEN: { status: 409, zh: '该用户名已被使用', en: 'This username is already taken' },
  PHONE_TAKEN: {
    status: 409,
    zh: '该手机号已被其他账号使用',
    en: 'This phone number belongs to another account',
  },
  SCHOOL_CODE_TAKEN: { status: 409, zh: '该学校标识码已存在', en: 'A school with this code already exists' },
  REGION_CODE_TAKEN: {
    status: 409,
    zh: '该行政区划代码已存在',
    en: 'A region with this code already exists',
  },
  SETUP_DONE: { status: 409, zh: '平台已完成初始设置', en: 'The platform has already been set up' },
  SETUP_TOKEN_INVALID: {
    status: 403,
    zh: '设置链接无效或已使用',
    en: 'The setup link is not valid or has been used',
  },
  PAYLOAD_TOO_LARGE: { status: 413, zh: '请求内容过大', en: 'The request is too large' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, zh: '不支持的内容类型', en: 'Unsupported content type' },
  LOGIN_LOCKED: {
    status: 429,
    zh: '登录失败次数过多，账号已暂时锁定',
    en: 'Too many failed logins; the account is locked for now',
  },
  // One address's guesses stop here, before they could lock the account for everyone (issue 13.5).
  LOGIN_THROTTLED: {
    status: 429,
    zh: '从此网络登录失败次数过多，请稍后再试',
    en: 'Too many failed logins from this network; try again later',
  },
  UNLOCK_CODE_INVALID: {
    status: 401,
    zh: '账号或解锁码错误，或解锁码已失效',
    en: 'Wrong username, phone or unlock code, or the code is no longer valid',
  },
  RATE_LIMITED: {
    status: 429,
    zh: '请求过于频繁，请稍后再试',
    en: 'Too many requests; please try again later',
  },
  INTERNAL: {
    status: 500,
    zh: '服务器内部错误，请稍后再试；如持续出现请联系管理员',
    en: 'Internal server error; please try again later, and tell the administrator if it persists',
  },
  DB_UNAVAILABLE: { status: 503, zh: '数据库暂时不可用', en: 'The database is not available right now' },
  // Plans (一校一案, F-02) and the region policy they are checked against (F-01).
  NO_POLICY_IN_FORCE: {
    status: 409,
    zh: '该地区尚未发布课后服务政策',
    en: 'The region has not published its policy',
  },
  PLAN_EXISTS: {
    status: 409,
    zh: '本校该学期已有服务方案',
    en: 'The school already has a plan for this term',
  },
  PLAN_CHANGED: {
    status: 409,
    zh: '方案在您打开后已被修改，请刷新后再试',
    en: 'The plan has changed since you opened it; reload it and try again',
  },
  PLAN_WRONG_STATUS: {
    status: 409,
    zh: '方案当前的状态不允许此操作',
    en: 'The plan’s status does not allow this',
  },
  PLAN_HAS_ERRORS: {
    status: 400,
    zh: '方案还有不符合要求的问题，请修改后再提交',
    en: 'The plan has errors to fix before it can be submitted',
  },
  // Grouping (编班, F-08) and roster (F-07).
  NO_APPROVED_PLAN: {
    status: 409,
    zh: '本学期的课后服务方案尚未审定，无法编班',
    en: 'The term’s plan has not been approved yet, so there is nothing to group by',
  },
  GROUPING_INVALID: {
    status: 400,
    zh: '编班有误，请按提示修改后再保存',
    en: 'The grouping has errors to fix before it can be saved',
  },
  // Uploads (scans, photos, spreadsheets).
  UPLOAD_MISSING: { status: 400, zh: '请选择要上传的文件', en: 'Choose a file to upload' },
  UPLOAD_TOO_LARGE: { status: 413, zh: '文件过大', en: 'The file is too large' },
  UPLOAD_WRONG_TYPE: {
    status: 415,
    zh: '文件类型不支持',
    en: 'This kind of file is not accepted',
  },
  // Import of students, guardians and staff (F-27) and guardians' one-time sign-in codes.
  IMPORT_FILE_INVALID: {
    status: 400,
    zh: '文件已损坏或不是 Excel 工作簿（.xlsx），请使用下载的模板',
    en: 'The file is damaged or not an Excel workbook (.xlsx); use the downloaded template',
  },
  IMPORT_TOO_MANY_ROWS: { status: 413, zh: '文件行数过多，请分批导入', en: 'Too many rows; import in parts' },
  IMPORT_HAS_PROBLEMS: {
    status: 400,
    zh: '名单中有需要修改的问题，未导入任何数据',
    en: 'The list has problems to fix; nothing was imported',
  },
  IMPORT_CONFLICT: {
    status: 409,
    zh: '预览后名单已被修改，请重新预览后再导入',
    en: 'The school’s lists changed since the preview; preview again and import',
  },
  LOGIN_CODE_INVALID: {
    status: 401,
    zh: '手机号或验证码错误，或验证码已失效',
    en: 'Wrong phone or code, or the code is no longer valid',
  },
  PASSWORD_ALREADY_SET: {
    status: 409,
    zh: '该账号已设置密码，请在“账号”中修改密码',
    en: 'This account already has a password; change it under Account',
  },
  // Applications and enrollment (F-06).
  NOTICE_NOT_PUBLISHED: {
    status: 409,
    zh: '本校该学期的服务公示尚未发布，暂不能报名',
    en: 'The school has not published its notice for this term; applications are not open',
  },
  NOTICE_CHANGED: {
    status: 409,
    zh: '服务公示已更新，请重新阅读后再报名',
    en: 'The notice has changed; please read it again before applying',
  },
  GRADE_NOT_SERVED: {
    status: 409,
    zh: '本学期课后服务不面向该年级',
    en: 'The service this term is not for this grade',
  },
  APPLICATION_EXISTS: {
    status: 409,
    zh: '该学生本学期已有报名申请',
    en: 'The child already has an application for this term',
  },
  APPLICATION_WRONG_STATUS: {
    status: 409,
    zh: '报名申请当前的状态不允许此操作，请刷新后再试',
    en: 'The application’s status does not allow this; reload and try again',
  },
  NO_SERVICE_DAYS_LEFT: {
    status: 409,
    zh: '本学期已没有剩余的服务日',
    en: 'No service day of the term is left',
  },
  // Staff (F-09) and duty rota (F-10).
  STAFF_NO_TAKEN: {
    status: 409,
    zh: '该工号已被本校其他人员使用',
    en: 'Another staff member has this staff number',
  },
  STAFF_ACCOUNT_TAKEN: {
    status: 409,
    zh: '该账号已关联本校另一名看护人员',
    en: 'This account is already linked to another staff member',
  },
  LEADER_TAKEN: {
    status: 409,
    zh: '领导小组已有组长（A 二），请先调整原组长的职务',
    en: 'The leadership group already has a leader (A 2); change that person’s position first',
  },
  ROTA_INVALID: {
    status: 400,
    zh: '值日安排有误，请按提示修改后再保存',
    en: 'The duty rota has errors to fix before it can be saved',
  },
  // ── daily operation (issue 5) ──
  NOT_A_SERVICE_DAY: {
    status: 409,
    zh: '该日期不是本校的课后服务日',
    en: 'This date is not a service day of the school',
  },
  DAY_CLOSED: {
    status: 409,
    zh: '当天已结束（值日总护导已关闭当天），不能再更改',
    en: 'The day has been closed by the duty chief; it can no longer change',
  },
  DAY_NOT_CLOSABLE: {
    status: 409,
    zh: '还有学生去向不明，不能结束当天',
    en: 'Some children are not accounted for; the day cannot be closed',
  },
  SERVICE_NOT_ENDED: {
    status: 409,
    zh: '课后服务尚未结束，不能统一转入延时托管',
    en: 'The service has not ended yet; children cannot be moved to extended custody together',
  },
  CHILD_DAY_REFUSED: {
    status: 409,
    zh: '该操作与学生当天的状态不符',
    en: 'This does not fit the child’s state today',
  },
  MARK_CONFLICT: {
    status: 409,
    zh: '点名结果已被他人更正，离线记录未覆盖；请查看后重新确认',
    en: 'The mark was corrected by someone else meanwhile; the offline mark did not overwrite it — check and confirm again',
  },
  PICKUP_CODE_WRONG: {
    status: 400,
    zh: '接送码不正确',
    en: 'The pickup code is wrong',
  },
  PICKUP_CODE_LOCKED: {
    status: 423,
    zh: '该接送码错误次数过多，已锁定；请核对接送人身份后由老师办理',
    en: 'Too many wrong tries: this pickup code is locked; verify the person collecting and release by name',
  },
  PICKUP_CODE_EXPIRED: {
    status: 410,
    zh: '接送码已过期（只在当天有效）',
    en: 'The pickup code has expired (it is valid on its day only)',
  },
  // Issue 14.4 (B 六(三), C 2): the gate checks the person and the time before it releases.
  IDENTITY_CHECK_REQUIRED: {
    status: 400,
    zh: '没有接送码时，放行前须核验接送人身份：核对照片，或核对身份证号后四位，或查验身份证件',
    en: 'Without the pickup code, check the person’s identity before releasing: the photo, the last four digits of the ID number, or the ID document',
  },
  IDENTITY_CHECK_FAILED: {
    status: 409,
    zh: '身份证号后四位与登记的不符，不能放行',
    en: 'The last four digits of the ID number do not match the ones on file; the child cannot be released',
  },
  EARLY_RELEASE_UNCONFIRMED: {
    status: 409,
    zh: '还没到该学生的离校批次时间，提前放行须先确认',
    en: 'It is before the child’s departure batch; confirm the early release first',
  },
  LEAVE_OVERLAPS: {
    status: 409,
    zh: '这段日期已有请假，请先取消原请假',
    en: 'A leave request already covers some of these dates; cancel it first',
  },
  LEAVE_NOT_CANCELLABLE: {
    status: 409,
    zh: '请假已开始，不能再取消；如需更改请联系学校',
    en: 'The leave has already started and cannot be cancelled; contact the school to change it',
  },
  BATCH_CHANGE_CLOSED: {
    status: 409,
    zh: '已过今天更改离校批次的截止时间',
    en: 'It is too late to change today’s departure batch',
  },
  // F-15 交接班 and F-17 门卫登记 (B 六(三)).
  HANDOVER_DISCREPANCY_REQUIRED: {
    status: 400,
    zh: '清点人数与应交接人数不符，请写明差异情况',
    en: 'The count differs from the expected one; write down the discrepancy',
  },
  VISITOR_ALREADY_LEFT: {
    status: 409,
    zh: '该访客已登记离开',
    en: 'This visitor has already been signed out',
  },
  IDEMPOTENCY_KEY_REUSED: {
    status: 422,
    zh: '同一个 Idempotency-Key 已用于另一个请求',
    en: 'This Idempotency-Key was already used for a different request',
  },
  IDEMPOTENCY_IN_PROGRESS: {
    status: 409,
    zh: '同一请求正在处理中，请稍后重试',
    en: 'The same request is still being handled; retry shortly',
  },
} as const satisfies Record<string, { status: number; zh: string; en: string }>;

export type ErrorCode = keyof typeof errorCatalogue;

export interface FieldProblem {
  path: string;
  message: string;
}

export interface ErrorDetails {
  fields?: FieldProblem[];
  retryAfterSeconds?: number;
  [key: string]: unknown;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: ErrorDetails | undefined;
  readonly zh: string;
  readonly en: string;

  // `zh`/`en` override the catalogue's message when the case needs more precise words.
  constructor(code: ErrorCode, options: { zh?: string; en?: string; details?: ErrorDetails } = {}) {
    const entry = errorCatalogue[code];
    const zh = options.zh ?? entry.zh;
    const en = options.en ?? entry.en;
    super(`${zh} / ${en}`);
    this.name = 'AppError';
    this.code = code;
    this.zh = zh;
    this.en = en;
    this.details = options.details;
  }

  get status(): number {
    return errorCatalogue[this.code].status;
  }
}

export function errorBody(error: AppError) {
  return {
    error: error.code,
    message: `${error.zh} / ${error.en}`,
    ...(error.details ? { details: error.details } : {}),
  };
}

// PostgreSQL unique violation (23505) on the named constraint or index, as thrown by pg or wrapped
// by Drizzle.
export function isUniqueViolation(error: unknown, constraint: string): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 4; depth++) {
    const pgError = e as { code?: string; constraint?: string; cause?: unknown };
    if (pgError.code === '23505' && pgError.constraint === constraint) return true;
    e = pgError.cause;
  }
  return false;
}
