// Uploaded files: a paper application's scan (F-06), a responsibility letter's scan (A 三.1), a pickup
// person's photo (F-13) and spreadsheets to import (F-27). The type is read from the content's first
// bytes, never trusted from the browser; sizes are bounded while streaming, so a 1 GB upload is cut
// off at the limit instead of being buffered. Stored files live in the `files` table beside the rows
// that name them (see schema.ts).
import { createHash } from 'node:crypto';
import '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import type { Db } from '../db/connect.js';
import { files } from '../db/schema.js';
import { AppError } from './errors.js';

export type FileKind = 'pdf' | 'jpeg' | 'png' | 'xlsx';
export type FilePurpose = 'application_scan' | 'letter_scan' | 'pickup_photo';

export const CONTENT_TYPES: Record<FileKind, string> = {
  pdf: 'application/pdf',
  jpeg: 'image/jpeg',
  png: 'image/png',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

const KIND_NAMES: Record<FileKind, string> = { pdf: 'PDF', jpeg: 'JPG', png: 'PNG', xlsx: 'xlsx' };

// Scans and photos: a phone photo of a signed form is 2–4 MB.
export const SCAN_MAX_BYTES = 8 * 1024 * 1024;
// Spreadsheets: 10,000 rows of a roster are about 1 MB; the margin lets a file with formatting in.
export const SHEET_MAX_BYTES = 12 * 1024 * 1024;

// What the first bytes say the content is. An xlsx is a zip (PK\x03\x04); the reader checks the rest.
export function sniffKind(bytes: Buffer): FileKind | null {
  if (bytes.length >= 5 && bytes.subarray(0, 5).toString('latin1') === '%PDF-') return 'pdf';
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  if (
    bytes.length >= 8 &&
    bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
  ) {
    return 'png';
  }
  if (bytes.length >= 4 && bytes.readUInt32BE(0) === 0x504b0304) return 'xlsx';
  return null;
}

export interface Upload {
  fileName: string;
  kind: FileKind;
  contentType: string;
  bytes: Buffer;
  // The other fields of the multipart form, as text.
  fields: Record<string, string>;
}

// The multipart body's one file (field name any) and its text fields. Refuses a missing file, a file
// over `maxBytes` and content whose bytes are none of `accept`.
export async function readUpload(
  request: FastifyRequest,
  options: { accept: readonly FileKind[]; maxBytes: number },
): Promise<Upload> {
  if (!request.isMultipart()) {
    throw new AppError('UPLOAD_MISSING', {
      zh: '请以文件上传的方式提交（multipart/form-data）',
      en: 'Send the file as multipart/form-data',
    });
  }
  const fields: Record<string, string> = {};
  let file: { fileName: string; bytes: Buffer } | null = null;
  const tooLarge = () =>
    new AppError('UPLOAD_TOO_LARGE', {
      zh: `文件过大，不能超过 ${Math.floor(options.maxBytes / 1024 / 1024)} MB`,
      en: `The file is too large; the limit is ${Math.floor(options.maxBytes / 1024 / 1024)} MB`,
    });
  try {
    for await (const part of request.parts({
      limits: { fileSize: options.maxBytes, files: 1, fields: 20 },
    })) {
      if (part.type === 'file') {
        const bytes = await part.toBuffer();
        if (part.file.truncated) throw tooLarge();
        file = { fileName: part.filename.slice(0, 200) || 'file', bytes };
      } else if (typeof part.value === 'string') {
        fields[part.fieldname] = part.value;
      }
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    const code = (error as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge();
    if (code === 'FST_FILES_LIMIT_REACHED') {
      throw new AppError('VALIDATION_FAILED', {
        zh: '一次只能上传一个文件',
        en: 'Upload one file at a time',
      });
    }
    throw new AppError('VALIDATION_FAILED', {
      zh: '上传的内容不完整或已损坏，请重新上传',
      en: 'The upload is incomplete or damaged; please upload it again',
    });
  }
  if (!file || file.bytes.length === 0) throw new AppError('UPLOAD_MISSING');
  const kind = sniffKind(file.bytes);
  if (!kind || !options.accept.includes(kind)) {
    const names = options.accept.map((k) => KIND_NAMES[k]).join('、');
    throw new AppError('UPLOAD_WRONG_TYPE', {
      zh: `文件类型不支持，请上传 ${names} 文件`,
      en: `This kind of file is not accepted; upload a ${options.accept.map((k) => KIND_NAMES[k]).join(', ')} file`,
    });
  }
  return { fileName: file.fileName, kind, contentType: CONTENT_TYPES[kind], bytes: file.bytes, fields };
}

// Stores a scan or photo in the caller's transaction; returns its id.
export async function storeFile(
  db: Pick<Db, 'insert'>,
  input: { schoolId: string; purpose: FilePurpose; upload: Upload; uploadedBy: string | null },
): Promise<string> {
  const [row] = await db
    .insert(files)
    .values({
      schoolId: input.schoolId,
      purpose: input.purpose,
      contentType: input.upload.contentType,
      fileName: input.upload.fileName,
      byteSize: input.upload.bytes.length,
      sha256: createHash('sha256').update(input.upload.bytes).digest('hex'),
      content: input.upload.bytes,
      uploadedBy: input.uploadedBy,
    })
    .returning({ fileId: files.fileId });
  if (!row) throw new Error('file insert returned nothing');
  return row.fileId;
}
