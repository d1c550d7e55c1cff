// The worker side of a long approval list written as CSV (csv-in-ranges.ts): the odd ranges' lines.

import { serveRanges } from './csv-in-ranges.js';
import { approvalLines } from './approvals-csv.js';

serveRanges(approvalLines);
