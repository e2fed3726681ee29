// A case x column table of numbers (features, clinical variables) with labels, parsed from CSV and validated.

export interface Table {
  ids: string[];
  columns: string[];
  /** values[c][r]: column c of case r. */
  values: Float64Array[];
}

function splitCsvLine(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out.map((s) => s.trim());
}

/** The cells of a CSV (RFC 4180 quoting) with a header row and at least one data row, every row as long as the
 *  header and no column named twice. */
export function readCsvCells(text: string, what: string): { header: string[]; rows: string[][] } {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  if (lines.length < 2) throw new Error(`${what}: needs a header row and at least one case`);
  const header = splitCsvLine(lines[0]);
  const dup = header.find((c, i) => header.indexOf(c) !== i);
  if (dup) throw new Error(`${what}: column '${dup}' appears twice`);
  const rows = lines.slice(1).map((line, r) => {
    const cells = splitCsvLine(line);
    if (cells.length !== header.length)
      throw new Error(`${what}, line ${r + 2}: ${cells.length} cells, the header has ${header.length}`);
    return cells;
  });
  return { header, rows };
}

/** As readCsvCells, and the first column a case id that no two rows share. */
export function readCsv(text: string, what: string): { header: string[]; rows: string[][] } {
  const { header, rows } = readCsvCells(text, what);
  const ids = rows.map((cells) => cells[0]);
  const dupId = ids.find((id, i) => ids.indexOf(id) !== i);
  if (dupId) throw new Error(`${what}: case '${dupId}' appears twice`);
  return { header, rows };
}

/** The named columns of parsed CSV cells as numbers; an unknown column or a cell that is not a finite number is an
 *  error naming the file, the line and the column (statistics take no missing values: remove or impute first). */
export function numericColumns(
  cells: { header: string[]; rows: string[][] },
  names: string[],
  what: string,
): Float64Array[] {
  const unknown = names.filter((n) => !cells.header.includes(n));
  if (unknown.length)
    throw new Error(
      `${what}: no column ${unknown.map((n) => `'${n}'`).join(', ')} (the columns are ${cells.header.join(', ')})`,
    );
  return names.map((name) => {
    const c = cells.header.indexOf(name);
    return Float64Array.from(cells.rows, (row, r) => {
      const v = row[c] === '' ? NaN : Number(row[c]);
      if (!Number.isFinite(v))
        throw new Error(
          `${what}, line ${r + 2}, column '${name}': '${row[c]}' is not a number (missing values must be removed or imputed first)`,
        );
      return v;
    });
  });
}

/** Parses a CSV whose first column is the case id; every other cell must be a finite number. */
export function parseTable(text: string, what: string): Table {
  const { header, rows } = readCsv(text, what);
  const columns = header.slice(1);
  const values = columns.map(() => new Float64Array(rows.length));
  const ids = rows.map((cells) => cells[0]);
  rows.forEach((cells, r) => {
    for (let c = 0; c < columns.length; c++) {
      const v = cells[c + 1] === '' ? NaN : Number(cells[c + 1]);
      if (!Number.isFinite(v)) {
        throw new Error(
          `${what}, case '${cells[0]}', column '${columns[c]}': '${cells[c + 1]}' is not a finite number (missing values must be imputed before training)`,
        );
      }
      values[c][r] = v;
    }
  });
  return { ids, columns, values };
}

/** Reads labels from a table with a `label` column (0/1) keyed by case id. */
export function labelsById(table: Table, what: string): Map<string, number> {
  const c = table.columns.indexOf('label');
  if (c < 0) throw new Error(`${what}: no 'label' column`);
  const out = new Map<string, number>();
  table.ids.forEach((id, r) => {
    const v = table.values[c][r];
    if (v !== 0 && v !== 1) throw new Error(`${what}: the label of case '${id}' is ${v}; labels must be 0 or 1`);
    out.set(id, v);
  });
  return out;
}

/** The label of every case in `table`, from its own `label` column or from `labels`. */
export function labelsFor(table: Table, labels: Map<string, number> | undefined, what: string): number[] {
  if (table.columns.includes('label')) return table.ids.map((id) => labelsById(table, what).get(id)!);
  if (!labels) throw new Error(`${what}: no 'label' column and no labels file`);
  return table.ids.map((id) => {
    const y = labels.get(id);
    if (y === undefined) throw new Error(`${what}: case '${id}' has no label`);
    return y;
  });
}

/** Selects `names` from `table` in that order, naming missing columns. */
export function selectColumns(table: Table, names: string[], what: string): Float64Array[] {
  const missing = names.filter((n) => !table.columns.includes(n));
  if (missing.length)
    throw new Error(
      `${what}: missing column${missing.length > 1 ? 's' : ''} ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ` and ${missing.length - 5} more` : ''}`,
    );
  return names.map((n) => table.values[table.columns.indexOf(n)]);
}
