// Runs one skillsub command in this process and prints its wall time, CPU time (user + system,
// every thread of the process: the parser and certificate workers too) and peak RSS as JSON on the
// last line (the workers' memory is part of this process's RSS).
import { main } from '../../dist/cli/main.js';

const started = process.hrtime.bigint();
const cpu = process.cpuUsage();
const code = await main(['--quiet', ...process.argv.slice(2)]);
const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
const used = process.cpuUsage(cpu);
const mem = process.memoryUsage();
process.stdout.write(`\n${JSON.stringify({ code, wallMs, cpuMs: (used.user + used.system) / 1000, maxRssMb: process.resourceUsage().maxRSS / 1024, mainHeapMb: mem.heapTotal / 2 ** 20, externalMb: mem.external / 2 ** 20 })}\n`);
