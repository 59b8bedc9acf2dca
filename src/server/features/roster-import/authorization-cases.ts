// Who may download templates, preview, import and export (F-27, F-28): the school admin of the
// school, nobody else. Uploads in the matrix are JSON (not multipart): the permission is checked
// before the upload is read, so the admin's answer is 400 UPLOAD_MISSING and everyone else's 403.
import { type Case, ownOnly } from '../../../../test/authorization.js';

const school = (w: Parameters<Case['request']>[0], where: Parameters<Case['request']>[1]) =>
  w.school[where].schoolId;

export const cases: Case[] = [
  {
    name: 'GET template (students)',
    request: (w, where) => ({
      method: 'GET',
      url: `/api/schools/${school(w, where)}/import/students/template`,
    }),
    allowed: { school_admin: ownOnly(200) },
  },
  {
    name: 'GET template (staff)',
    request: (w, where) => ({ method: 'GET', url: `/api/schools/${school(w, where)}/import/staff/template` }),
    allowed: { school_admin: ownOnly(200) },
  },
  {
    name: 'POST preview (students)',
    request: (w, where) => ({
      method: 'POST',
      url: `/api/schools/${school(w, where)}/import/students/preview`,
      payload: {},
    }),
    allowed: { school_admin: ownOnly(400) },
  },
  {
    name: 'POST commit (students)',
    request: (w, where) => ({
      method: 'POST',
      url: `/api/schools/${school(w, where)}/import/students/commit`,
      payload: {},
    }),
    allowed: { school_admin: ownOnly(400) },
  },
  {
    name: 'POST commit (staff)',
    request: (w, where) => ({
      method: 'POST',
      url: `/api/schools/${school(w, where)}/import/staff/commit`,
      payload: {},
    }),
    allowed: { school_admin: ownOnly(400) },
  },
  {
    name: 'GET export (students, phones in full)',
    request: (w, where) => ({ method: 'GET', url: `/api/schools/${school(w, where)}/export/students` }),
    allowed: { school_admin: ownOnly(200) },
  },
  {
    name: 'GET export (staff)',
    request: (w, where) => ({ method: 'GET', url: `/api/schools/${school(w, where)}/export/staff` }),
    allowed: { school_admin: ownOnly(200) },
  },
];
