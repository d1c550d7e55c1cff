// SPEC §4.4: skill levels 1 (高级技师) … 5 (初级工); blank, 无, - mean no level.

const NAMED: Record<string, number> = {
  '1': 1, '2': 2, '3': 3, '4': 4, '5': 5,
  一级: 1, 二级: 2, 三级: 3, 四级: 4, 五级: 5,
  高级技师: 1, 技师: 2, 高级工: 3, 高级: 3, 中级工: 4, 中级: 4, 初级工: 5, 初级: 5,
};
const NONE = new Set(['', '无', '-', '—', '/', 'none']);

export const LEVEL_FORMS = '1–5, 一级…五级, 高级技师, 技师, 高级工/高级, 中级工/中级, 初级工/初级, or blank/无/- for none';

/** 1–5, null for "no level", or undefined when unreadable. */
export function parseLevel(raw: string): number | null | undefined {
  // "国家职业资格四级", "职业技能等级三级": the level after a certificate-family prefix.
  const v = raw.normalize('NFKC').replace(/\s+/g, '').toLowerCase().replace(/^(国家职业资格|职业资格|职业技能等级|技能等级)/, '');
  if (NONE.has(v)) return null;
  if (v in NAMED) return NAMED[v];
  // "四级/中级工", "三级(高级工)", "level 3": every named part must agree.
  const parts = v.replace(/^level/, '').split(/[/()（）、,]+/).filter((p) => p !== '');
  const levels = new Set(parts.map((p) => NAMED[p]));
  if (parts.length > 0 && levels.size === 1 && !levels.has(undefined as unknown as number)) {
    return [...levels][0];
  }
  return undefined;
}

/** The same level: equal, or both without a level (SPEC §6 steps 8 and 10). */
export function sameLevel(a: number | null, b: number | null): boolean {
  return a === b;
}

/** `level` is higher than `than` (1 is the highest); a missing level is neither higher nor lower. */
export function isHigherLevel(level: number | null, than: number | null): boolean {
  return level !== null && than !== null && level < than;
}
