// SPEC §8.7: the audit log stores UTC (ISO 8601); a reader sees the machine's local time with
// its offset (`2020-10-20 22:03:05 +08:00`), the bureau's clock, without guessing the zone.

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** An ISO timestamp in the machine's time zone, with the offset it had at that moment. */
export function localTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const offset = -d.getTimezoneOffset();
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())} ${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}
