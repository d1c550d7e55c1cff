// The worker side of a CSV output file (output.ts, SPEC §9): the rows the main thread reads,
// made CSV text by csv.ts — the one CSV renderer — and written to the output file's descriptor,
// which the main thread opened and puts in place once every row is written.

import { writeAll, namedAfter } from '../output-file.js';
import { serveSink } from '../../app/output-worker.js';
import { csvHeader, csvLines, type Cell } from './csv.js';

export interface CsvFileJob {
  fd: number;
  /** The output's name, for a message about a failed write. */
  path: string;
  header: string[];
  money: boolean[];
}

serveSink<Cell[][]>((data) => {
  const { fd, path, header, money } = data as CsvFileJob;
  const write = (text: string) => {
    try {
      writeAll(fd, Buffer.from(text, 'utf8'));
    } catch (err) {
      throw namedAfter(err, path);
    }
  };
  write(csvHeader(header));
  return {
    add: (rows) => write([...csvLines(rows, money)].join('')),
    finish: () => {},
  };
});
