import { Flags } from '@oclif/core';
import { jsonReplacer } from '../kernel/json.js';

export type OutputFormat = 'table' | 'csv' | 'json';

/** `--format`: a table for a terminal, CSV safe to open in Excel, or JSON (the library's result). */
export const formatFlag = {
  format: Flags.string({
    char: 'f',
    description: 'table: for reading in a terminal; csv: for Excel (formula-safe); json: the full result with its trace.',
    options: ['table', 'csv', 'json'],
    default: 'table',
  }),
};

/** The text to print for a format; JSON is the result itself. */
export function formatOutput(format: string, result: unknown, table: () => string, csv: () => string): string {
  if (format === 'json') return JSON.stringify(result, jsonReplacer, 2);
  return format === 'csv' ? csv().replace(/\r\n$/, '') : table();
}
