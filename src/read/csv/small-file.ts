/**
 * A small CSV read whole (custom factors, activity lists): the same encoding detection and
 * not-a-CSV checks as the streaming reader, so a file saved from Excel as Windows-1252, or a
 * workbook renamed .csv, is read or refused the same way everywhere.
 */

import { readFileSync } from 'node:fs';
import { UserError } from '../../kernel/errors.js';
import { createDecoder, detectEncoding, SAMPLE_BYTES, stripLeadingBom } from './encoding.js';
import { assertCsvLike } from './sniff.js';

export function readSmallCsvFile(path: string, name: string): string {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    throw new UserError('unreadable_file', `Cannot read ${path}: ${(e as Error).message}`, 'Check the path.');
  }
  const head = bytes.subarray(0, SAMPLE_BYTES);
  const guess = detectEncoding(head);
  const text = stripLeadingBom(createDecoder(guess.encoding).decode(bytes.subarray(guess.bomLength)));
  assertCsvLike({ name, head, text: text.slice(0, SAMPLE_BYTES), guess, wholeFileInHead: bytes.length <= SAMPLE_BYTES });
  return text;
}
