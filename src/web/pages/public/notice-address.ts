/** `/notice/<school code>/<term code>`: the public notice's address (F-05), the same the QR code holds. */
export interface NoticeAddress {
  schoolCode: string;
  termCode: string;
}

export function noticePath({ schoolCode, termCode }: NoticeAddress): string {
  return `/notice/${encodeURIComponent(schoolCode)}/${encodeURIComponent(termCode)}`;
}

export function noticeAddress(pathname: string): NoticeAddress | null {
  const m = /^\/notice\/([^/]+)\/([^/]+)\/?$/.exec(pathname);
  if (!m?.[1] || !m[2]) return null;
  try {
    return { schoolCode: decodeURIComponent(m[1]), termCode: decodeURIComponent(m[2]) };
  } catch {
    return null;
  }
}
