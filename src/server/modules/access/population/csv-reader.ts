/**
 * A small RFC 4180 reader: commas (or semicolons, detected from the header), double-quoted cells with doubled
 * quotes and line breaks inside, CRLF or LF. Yields each record with the line it started on, for error reports.
 */

/** One parsed record and the 1-based line it started on. */
export interface CsvRecord {
  line: number;
  cells: string[];
}

/** Parses CSV text into records; blank lines are skipped. */
export function* readCsv(text: string): Generator<CsvRecord> {
  const firstLine = text.slice(0, text.indexOf('\n') >= 0 ? text.indexOf('\n') : text.length);
  const sep = firstLine.includes(';') && !firstLine.includes(',') ? ';' : ',';
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  const n = text.length;
  while (i < n) {
    const start = line;
    const cells: string[] = [];
    let cell = '';
    let done = false;
    while (!done) {
      if (i >= n) {
        cells.push(cell);
        break;
      }
      const ch = text[i];
      if (ch === '"' && cell === '') {
        i++;
        for (;;) {
          if (i >= n) break;
          const c = text[i];
          if (c === '"') {
            if (text[i + 1] === '"') {
              cell += '"';
              i += 2;
              continue;
            }
            i++;
            break;
          }
          if (c === '\n') line++;
          cell += c;
          i++;
        }
        continue;
      }
      if (ch === sep) {
        cells.push(cell);
        cell = '';
        i++;
        continue;
      }
      if (ch === '\r' || ch === '\n') {
        cells.push(cell);
        if (ch === '\r' && text[i + 1] === '\n') i++;
        i++;
        line++;
        done = true;
        continue;
      }
      cell += ch;
      i++;
    }
    if (cells.length === 1 && cells[0] === '') continue;
    yield { line: start, cells };
  }
}
