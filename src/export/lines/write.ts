/**
 * `export lines` end to end: the lines of a query written, as they are read, to a stream (stdout)
 * or to a file (whole or not at all), and what was written.
 */

import type { AnalysisContext, FootprintWarning } from '../../aggregate/footprint.js';
import type { ProtectedFile } from '../../render/output-file.js';
import { writeChunksToStream, writePiecesToFile } from '../output-stream.js';
import { selectLines, type LinesQuery } from './select.js';
import { linesChunks, linesCounts, linesJsonDocument, type LinesCounts, type LinesFormat } from './serialise.js';

/** Where the lines go: a stream, or a file written whole or not at all (never over `protect`). */
export type LinesTarget =
  | { readonly stream: NodeJS.WritableStream; readonly document?: boolean }
  | { readonly file: string; readonly protect: readonly ProtectedFile[]; readonly flag?: string };

/** What an export wrote (the `--json` answer when the lines went to a file). */
export interface LinesSummary {
  readonly orgs: readonly string[];
  readonly from: string | null;
  readonly to: string | null;
  readonly format: LinesFormat;
  /** The file written; null when the lines went to a stream. */
  readonly file: string | null;
  readonly counts: LinesCounts;
  readonly warnings: readonly FootprintWarning[];
}

/**
 * Writes the lines of `q` in `format`; to a stream with `document`, the `--json` document with
 * the records in it instead (JSON whatever the format). The warnings are known once the last line
 * has been read, so they come with the summary, not before the lines.
 */
export async function exportLines(ctx: AnalysisContext, q: LinesQuery, format: LinesFormat, target: LinesTarget): Promise<LinesSummary> {
  const selection = selectLines(ctx, q);
  try {
    let file: string | null = null;
    if ('stream' in target) {
      await writeChunksToStream(target.stream, target.document === true ? linesJsonDocument(selection) : linesChunks(format, selection.lines));
    } else {
      await writePiecesToFile(target.file, linesChunks(format, selection.lines), target.protect, target.flag === undefined ? {} : { flag: target.flag });
      file = target.file;
    }
    return {
      orgs: selection.orgs, from: selection.from, to: selection.to, format: 'stream' in target && target.document === true ? 'json' : format, file,
      counts: linesCounts(selection), warnings: selection.warnings(),
    };
  } finally {
    selection.close();
  }
}
