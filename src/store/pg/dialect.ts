/**
 * The ledger's statements are written once, in SQL that SQLite and PostgreSQL mostly read alike
 * (see `../sql.ts`); this translates the rest for PostgreSQL, outside string literals and quoted
 * names:
 * - `?` parameters become `$1`, `$2`, … in order;
 * - a column alias with capitals (`AS batchId`) is quoted, since PostgreSQL folds unquoted names
 *   to lower case and the code reads the alias as written;
 * - ORDER BY terms say where NULLs go: SQLite puts them first in ascending order and last in
 *   descending, PostgreSQL the other way round, and lists must come out in the same order;
 * - SQLite's functions and words with another name there: `json_array`, `json_object`,
 *   `json_extract(x, '$.key')`, two-argument `MAX(1, x)`, `IS NOT ?`, `CAST(… AS REAL)` (REAL is
 *   single precision in PostgreSQL) and `rowid` (each PostgreSQL table has an `id` instead).
 *
 * Sums are left to each engine. SQLite's SUM compensates for rounding (Kahan–Babuška–Neumaier,
 * since SQLite 3.43) and PostgreSQL's float sum does not, so a sum of many rows may differ in the
 * last bits of a double (around 1e-14 of it for a month of an estate's bills): far below any
 * figure shown, and tests/store/engines.test.ts holds every figure to 12 significant digits.
 * Summing exactly instead (as numeric, rounded once) made the board report's summed read about
 * 100 ms slower on the benchmark ledger (250 ms against 150 ms), a third of what the server added.
 */

interface Piece {
  readonly code: boolean;
  text: string;
}

/** The statement cut into code and literals ('…' strings, "…" names), which are left as they are. */
function pieces(sql: string): Piece[] {
  const out: Piece[] = [];
  let i = 0;
  let from = 0;
  while (i < sql.length) {
    const c = sql[i]!;
    if (c === "'" || c === '"') {
      if (i > from) out.push({ code: true, text: sql.slice(from, i) });
      let j = i + 1;
      for (;;) {
        if (j >= sql.length) break;
        if (sql[j] === c) {
          if (sql[j + 1] === c) j += 2; // a doubled quote inside the literal
          else break;
        } else j++;
      }
      out.push({ code: false, text: sql.slice(i, j + 1) });
      i = j + 1;
      from = i;
    } else if (c === '-' && sql[i + 1] === '-') {
      // A comment runs to the end of its line; it may hold a ? or an apostrophe.
      const end = sql.indexOf('\n', i);
      const stop = end === -1 ? sql.length : end;
      if (i > from) out.push({ code: true, text: sql.slice(from, i) });
      out.push({ code: false, text: sql.slice(i, stop) });
      i = stop;
      from = i;
    } else i++;
  }
  if (from < sql.length) out.push({ code: true, text: sql.slice(from) });
  return out;
}

const JSON_EXTRACT = /json_extract\(([^,()]+(?:\([^()]*\))?),\s*$/i;

/** Translates one statement (see the top of this file). */
export function toPostgres(sql: string): string {
  const parts = pieces(sql);
  let n = 0;
  for (let k = 0; k < parts.length; k++) {
    const p = parts[k]!;
    if (!p.code) continue;
    let t = p.text;
    t = t.replace(/\bBEGIN\s+IMMEDIATE\b/gi, 'BEGIN');
    t = t.replace(/\bjson_array\(/gi, 'json_build_array(');
    t = t.replace(/\bjson_object\(/gi, 'json_build_object(');
    t = t.replace(/\bMAX\(\s*1\s*,/gi, 'GREATEST(1,');
    t = t.replace(/\bIS\s+NOT\s+\?/gi, 'IS DISTINCT FROM ?');
    t = t.replace(/\bAS\s+REAL\s*\)/gi, 'AS DOUBLE PRECISION)');
    t = t.replace(/\browid\b/g, 'id');
    t = t.replace(/\bAS\s+([a-z][a-z0-9_]*[A-Z][A-Za-z0-9_]*)\b/g, 'AS "$1"');
    // json_extract(x, '$.key'): the path is the literal that follows.
    const m = JSON_EXTRACT.exec(t);
    const next = parts[k + 1];
    const after = parts[k + 2];
    if (m && next !== undefined && !next.code && /^'\$\.[A-Za-z0-9_]+'$/.test(next.text) && after?.code === true && after.text.startsWith(')')) {
      t = `${t.slice(0, m.index)}((${m[1]!.trim()})::json->>'${next.text.slice(3, -1)}')::double precision`;
      next.text = '';
      after.text = after.text.slice(1);
    }
    t = t.replace(/\?/g, () => `$${++n}`);
    p.text = t;
  }
  return nullsOrdered(parts.map((p) => p.text).join(''));
}

/** Every ORDER BY term given SQLite's place for NULLs (first ascending, last descending). */
function nullsOrdered(sql: string): string {
  const re = /\bORDER\s+BY\b/gi;
  let out = '';
  let i = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(sql)) !== null) {
    const start = m.index + m[0].length;
    // The list runs to LIMIT/OFFSET, a closing bracket of the enclosing level, or the end.
    let depth = 0;
    let j = start;
    const terms: string[] = [];
    let from = start;
    for (; j < sql.length; j++) {
      const c = sql[j];
      if (c === "'" || c === '"') {
        const end = sql.indexOf(c, j + 1);
        j = end < 0 ? sql.length : end;
        continue;
      }
      if (c === '(') depth++;
      else if (c === ')') {
        if (depth === 0) break;
        depth--;
      } else if (c === ',' && depth === 0) {
        terms.push(sql.slice(from, j));
        from = j + 1;
      } else if (depth === 0 && /^\s(LIMIT|OFFSET|UNION|EXCEPT|INTERSECT)\b/i.test(sql.slice(j, j + 11))) break;
    }
    terms.push(sql.slice(from, j));
    const placed = terms.map((t) => {
      if (/\bNULLS\s+(FIRST|LAST)\s*$/i.test(t)) return t;
      const trimmed = t.replace(/\s+$/, '');
      const tail = t.slice(trimmed.length);
      return /\bDESC$/i.test(trimmed) ? `${trimmed} NULLS LAST${tail}` : `${trimmed} NULLS FIRST${tail}`;
    });
    out += sql.slice(i, start) + placed.join(',');
    i = j;
    re.lastIndex = j;
  }
  return out + sql.slice(i);
}

/**
 * A migration's DDL for PostgreSQL: SQLite's types by what they hold there (INTEGER as BIGINT,
 * REAL as double precision, BLOB as bytea, TEXT compared byte by byte as SQLite compares it) and
 * `id INTEGER PRIMARY KEY` as an identity column.
 */
export function ddlToPostgres(sql: string): string {
  return sql
    .replace(/\bid INTEGER PRIMARY KEY\b/g, 'id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY')
    .replace(/\bINTEGER\b/g, 'BIGINT')
    .replace(/\bREAL\b/g, 'DOUBLE PRECISION')
    .replace(/\bBLOB\b/g, 'BYTEA')
    .replace(/\bTEXT\b/g, 'TEXT COLLATE "C"');
}
