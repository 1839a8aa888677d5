import { describe, expect, it } from 'vitest';
import { openCsv, readCsvBytes } from '../../../src/read/csv/index.js';
import { fixtureDir, userError, utf16le } from './helpers.js';

const write = fixtureDir();
const bytes = (...b: number[]): Buffer => Buffer.from(b);
const junk = Buffer.from('some,bytes\nafter,the,magic\n');

describe('files that are not CSV', () => {
  it.each([
    ['an .xlsx workbook', 'report.xlsx.csv', Buffer.concat([bytes(0x50, 0x4b, 0x03, 0x04, 0x14, 0, 6, 0), Buffer.from('[Content_Types].xml'), junk]), 'file_is_zip', /is an Excel workbook \(\.xlsx\) or other zip file, not a CSV: open it in Excel and Save As CSV/],
    ['an empty zip', 'empty.zip', Buffer.concat([bytes(0x50, 0x4b, 0x05, 0x06), Buffer.alloc(18)]), 'file_is_zip', /zip file, not a CSV/],
    ['an old .xls workbook', 'old.csv', Buffer.concat([bytes(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1), junk]), 'file_is_xls', /is an old-style Excel workbook \(\.xls\).*not a CSV: open it in Excel and Save As CSV/],
    ['a PDF', 'statement.csv', Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj\n'), 'file_is_pdf', /is a PDF document, not a CSV/],
    ['a gzip file', 'export.csv.gz', Buffer.concat([bytes(0x1f, 0x8b, 0x08, 0x00), junk]), 'file_is_gzip', /is a gzip-compressed file, not a CSV/],
    ['an HTML error page', 'error.csv', Buffer.from('<!DOCTYPE html>\n<html><body>Session expired</body></html>\n'), 'file_is_html', /is a web page \(HTML\), perhaps an error page saved as \.csv/],
    ['HTML after a BOM and blank lines, upper case', 'bom.csv', Buffer.from('\uFEFF\r\n  \r\n<HTML lang="en">\n<body>500</body></HTML>', 'utf8'), 'file_is_html', /web page \(HTML\)/],
    ['a bare <html> page', 'bare.csv', Buffer.from('<html>\n<head><title>Login</title></head>'), 'file_is_html', /web page \(HTML\)/],
    ['XHTML with an XML declaration', 'x.csv', Buffer.from('<?xml version="1.0"?>\n<html xmlns="http://www.w3.org/1999/xhtml"><body/></html>'), 'file_is_html', /web page \(HTML\)/],
    ['an Excel 2003 XML spreadsheet', 'x.csv', Buffer.from('<?xml version="1.0"?>\n<?mso-application progid="Excel.Sheet"?>\n<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet">'), 'file_is_xml', /XML document.*not a CSV: open it in Excel and Save As CSV/],
    ['UTF-16 HTML', 'u16.csv', utf16le('<!doctype html><html></html>'), 'file_is_html', /web page \(HTML\)/],
    ['a binary file', 'image.csv', Buffer.concat([Buffer.from('MZ'), bytes(0x90, 0, 3, 0, 0, 0, 4, 0, 0xff, 0xff, 0, 0), Buffer.alloc(200, 7)]), 'file_is_binary', /is a binary file \(it contains NUL bytes\), not a CSV/],
  ])('names %s', async (_what, name, content, code, message) => {
    const path = write(name, content);
    const e = await userError(openCsv(path));
    expect(e.code).toBe(code);
    expect(e.message).toMatch(message);
    expect(e.message).toContain(path);
    expect(e.hint).toBeTruthy();
    expect(e.details).toMatchObject({ file: path, looksLike: code.replace('file_is_', '') });
  });

  it('still reads a CSV whose first cell merely starts with "<" or "PK"', async () => {
    const f = await readCsvBytes(Buffer.from('PK,<5 miles\nPK1,<html-free text>\n'));
    expect(f.header).toEqual(['PK', '<5 miles']);
  });

  it('does not call a file binary for a NUL after the first 4 KiB', async () => {
    const f = await readCsvBytes(Buffer.concat([Buffer.from(`a,b\n${'1,2\n'.repeat(1200)}`), bytes(0), Buffer.from('\n')]));
    expect(f.header).toEqual(['a', 'b']);
  });
});

describe('empty files', () => {
  it.each([
    ['no bytes', Buffer.alloc(0), /has no bytes at all/],
    ['only a BOM', bytes(0xef, 0xbb, 0xbf), /only blank space/],
    ['only a UTF-16 BOM', bytes(0xff, 0xfe), /only blank space/],
    ['only white space and line ends', Buffer.from(' \r\n\t\r\n\n  '), /only blank space/],
    ['only a BOM and blank lines', Buffer.from('\uFEFF\n\n\r\n', 'utf8'), /only blank space/],
    ['only empty rows and a sep= line', Buffer.from('sep=;\n;;;\n ; ;\n'), /no rows, only blank lines/],
  ])('rejects a file with %s as empty_file', async (_what, content, why) => {
    const path = write('empty.csv', content);
    const e = await userError(openCsv(path));
    expect(e.code).toBe('empty_file');
    expect(e.message).toMatch(/ is empty: /);
    expect(e.message).toMatch(why);
  });

  it('reports a missing file as unreadable_file', async () => {
    const e = await userError(openCsv(write('x', '') + '-missing.csv'));
    expect(e.code).toBe('unreadable_file');
    expect(e.message).toMatch(/^Cannot read .*-missing\.csv: ENOENT/);
  });
});
