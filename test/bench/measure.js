// Runs one skillsub command in this process and prints its wall time and peak RSS as JSON
// on the last line (the parser worker's memory is part of this process's RSS).
import { main } from '../../dist/cli/main.js';

const started = process.hrtime.bigint();
const code = await main(['--quiet', ...process.argv.slice(2)]);
const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
const mem = process.memoryUsage();
process.stdout.write(`\n${JSON.stringify({ code, wallMs, maxRssMb: process.resourceUsage().maxRSS / 1024, mainHeapMb: mem.heapTotal / 2 ** 20, externalMb: mem.external / 2 ** 20 })}\n`);
