// The messages of reading a table (worker/table-io.ts): the user's choices, and what the engine
// decided, read and proposes. Requests (protocol.ts) includes these.
import type { DescribedDataset, TableNotice, TableOptions, TableResult, TaskChoice } from '../engine/neurostep';

export interface TableReadOptions {
  delimiter: NonNullable<TableOptions['delimiter']>;
  header: NonNullable<TableOptions['header']>;
  skipLines: number;
  missing: NonNullable<TableOptions['missing']>;
  /** The target column's name or number (1: the first); empty: the last column. */
  target: string;
}
export interface TableRead {
  dataset: DescribedDataset;
  notices: TableNotice[];
  delimiter: TableResult['delimiter'];
  header: boolean;
  task: TaskChoice;
  advice: 'none' | 'standardize';
  /** The first rows as read: features, then targets. */
  preview: number[][];
}

export interface TableRequests {
  /** A table as people have them, with what the engine decided; nothing is kept. */
  readTable: { req: { text: string; options: TableReadOptions }; res: TableRead };
}
