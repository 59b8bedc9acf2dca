import { describe, expect, it } from 'vitest';
import { sniffKind } from './uploads.js';

describe('sniffKind: the type of an upload from its first bytes', () => {
  it('knows PDF, JPEG, PNG and zip (xlsx) by their signatures', () => {
    expect(sniffKind(Buffer.from('%PDF-1.7\n...', 'latin1'))).toBe('pdf');
    expect(sniffKind(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]))).toBe('jpeg');
    expect(sniffKind(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe('png');
    expect(sniffKind(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0]))).toBe('xlsx');
  });

  it('refuses what merely claims to be one: text, HTML, an old .xls, truncated signatures', () => {
    expect(sniffKind(Buffer.from('学号,姓名\n1,张三', 'utf8'))).toBeNull();
    expect(sniffKind(Buffer.from('<html><script>alert(1)</script>', 'utf8'))).toBeNull();
    // OLE2 compound file (Excel 97–2003 .xls)
    expect(sniffKind(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))).toBeNull();
    expect(sniffKind(Buffer.from('%PDF', 'latin1'))).toBeNull();
    expect(sniffKind(Buffer.from([0x89, 0x50, 0x4e, 0x47]))).toBeNull();
    expect(sniffKind(Buffer.alloc(0))).toBeNull();
  });
});
